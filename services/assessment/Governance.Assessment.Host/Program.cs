using Governance.Assessment;
using Governance.Grpc.Server;
using Governance.Messaging.Bus;
using Governance.ServiceDefaults;
using Governance.ServiceDefaults.Hosting;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults();
builder.AddGrpcServer();
builder.AddAssessmentService();
builder.AddMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcHealthChecksService().AllowAnonymous();   // grpc.health.v1: probes carry no token
app.MapGrpcReflectionService().RequireAuthorization(); // signed-in callers only
app.MapAssessmentService();
app.PrintListeningAddresses("Governance assessment");
return await app.RunServiceAsync(args);
