using Governance.Gateway;
using Governance.Grpc.Server;
using Governance.ServiceDefaults;
using Governance.ServiceDefaults.Hosting;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults();
builder.AddGrpcServer(); // only grpc.health.v1 on 8081, for the chart's startup probe: no service's gRPC goes through here
builder.AddGateway();
// The console (issue 18, part 2) is added here: builder.AddConsole();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcHealthChecksService().AllowAnonymous();
// ...and mapped here, before the gateway's routes, whose 404 catches every path nothing else claims: app.MapConsole();
app.MapGateway();
app.PrintListeningAddresses("Governance gateway");
return await app.RunServiceAsync(args);
