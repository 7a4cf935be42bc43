using Governance.Console;
using Governance.Gateway;
using Governance.Grpc.Server;
using Governance.ServiceDefaults;
using Governance.ServiceDefaults.Hosting;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults();
builder.AddGrpcServer(); // only grpc.health.v1 on 8081, for the chart's startup probe: no service's gRPC goes through here
builder.AddGateway();
var console = builder.AddConsoleWhenConfigured();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcHealthChecksService().AllowAnonymous();
// Before the gateway's routes, whose 404 catches every path nothing else claims.
if (console) app.MapConsole();
app.MapGateway();
app.PrintListeningAddresses("Governance gateway");
return await app.RunServiceAsync(args);
