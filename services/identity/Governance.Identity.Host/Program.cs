using Governance.Grpc.Health;
using Governance.Grpc.Reflection;
using Governance.Grpc.Server;
using Governance.Identity;
using Governance.Messaging.Bus;
using Governance.ServiceDefaults;
using Governance.ServiceDefaults.Hosting;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults();
builder.AddGrpcServer();
builder.AddIdentityService();
builder.AddMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcHealthService();
app.MapGrpcReflectionService();
app.MapIdentityService();
app.PrintListeningAddresses("Governance identity");
return await app.RunServiceAsync(args);
