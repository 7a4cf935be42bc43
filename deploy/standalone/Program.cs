using Governance.Assessment;
using Governance.Console;
using Governance.Grid;
using Governance.Grpc.Server;
using Governance.Identity;
using Governance.Mediation;
using Governance.Messaging.Bus;
using Governance.Population;
using Governance.Search;
using Governance.ServiceDefaults;
using Governance.ServiceDefaults.Hosting;
using Governance.Standalone;
using Governance.VideoAlert;
using Scalar.AspNetCore;

// One process, every service: SQLite files under ./data, the in-memory bus, the embedded search
// backend; HTTP/1.1 on 127.0.0.1:8080, gRPC (cleartext HTTP/2) on 127.0.0.1:8081 and GB/T 28181 SIP
// (UDP and TCP) on 127.0.0.1:5060 (VideoAlert:Sip:Port).
var builder = ServiceBuilder.Create(args);
StandaloneSettings.Apply(builder.Configuration);
builder.AddServiceDefaults();
builder.AddGrpcServer();
builder.AddIdentityService();
builder.AddGridService();
builder.AddMediationService();
builder.AddPopulationService();
builder.AddVideoAlertService();
builder.AddAssessmentService();
builder.AddSearchService();
builder.AddConsole();
builder.Services.AddHostedService<ServiceAccounts>();
builder.AddMessaging();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapGrpcHealthChecksService().AllowAnonymous();   // grpc.health.v1: probes carry no token
app.MapGrpcReflectionService().RequireAuthorization(); // signed-in callers only
app.MapIdentityService();
app.MapGridService();
app.MapMediationService();
app.MapPopulationService();
app.MapVideoAlertService();
app.MapAssessmentService();
app.MapSearchService();
// A browsable reference of the services' OpenAPI documents at /scalar, for the standalone only.
// The web console under /console (its own path, so that it can never shadow a service's route; / is left free).
app.MapConsole();
app.MapScalarApiReference(o => o.AddDocuments("identity", "grid", "mediation", "population", "videoalert", "assessment", "search")).AllowAnonymous();
app.PrintListeningAddresses("Governance standalone");
return await app.RunServiceAsync(args);
