using Governance.Grpc.Server;
using Governance.Messaging.Bus;
using Governance.Search;
using Governance.Search.Reindex;
using Governance.ServiceDefaults;
using Governance.ServiceDefaults.Hosting;

var builder = ServiceBuilder.Create(args);
builder.AddServiceDefaults();
builder.AddGrpcServer();
builder.AddSearchService();
builder.AddMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcHealthChecksService().AllowAnonymous();   // grpc.health.v1: probes carry no token
app.MapGrpcReflectionService().RequireAuthorization(); // signed-in callers only
app.MapSearchService();
// `reindex [type]` rebuilds the index from the read model and exits; `migrate` and serving are every host's.
if (await app.RunSearchCommandAsync(args) is { } exitCode) return exitCode;
app.PrintListeningAddresses("Governance search");
return await app.RunServiceAsync(args);
