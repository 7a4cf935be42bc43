using Governance.Grpc.Server;
using Governance.Messaging.Bus;
using Governance.Population;
using Governance.ServiceDefaults;
using Governance.ServiceDefaults.Hosting;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults();
builder.AddGrpcServer();
builder.AddPopulationService();
builder.AddMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcHealthChecksService().AllowAnonymous();   // grpc.health.v1: probes carry no token
app.MapGrpcReflectionService().RequireAuthorization(); // signed-in callers only
app.MapPopulationService();
app.PrintListeningAddresses("Governance population");
return await app.RunServiceAsync(args);
