using Governance.Grpc.Server;
using Governance.Messaging.Bus;
using Governance.ServiceDefaults;
using Governance.ServiceDefaults.Hosting;
using Governance.VideoAlert;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults();
builder.AddGrpcServer();
builder.AddVideoAlertService();
builder.AddMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcHealthChecksService().AllowAnonymous();   // grpc.health.v1: probes carry no token
app.MapGrpcReflectionService().RequireAuthorization(); // signed-in callers only
app.MapVideoAlertService();
app.PrintListeningAddresses("Governance video-alert");
return await app.RunServiceAsync(args);
