using Governance.Contracts.Grid.V1;
using Governance.Grpc.Client;
using Governance.Messaging.Bus;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Scans;
using Governance.ServiceDefaults.Security;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Demo;
using Governance.VideoAlert.Figures;
using Governance.VideoAlert.Grpc;
using Governance.VideoAlert.Routing;
using Governance.VideoAlert.Imports;
using Governance.VideoAlert.Sip;
using Governance.VideoAlert.Status;
using Governance.VideoAlert.Webhook;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert;

/// <summary>The video-alert service, as its own host and the standalone host compose it.</summary>
public static class VideoAlertExtensions
{
    public static IHostApplicationBuilder AddVideoAlertService(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<VideoAlertDb>("videoalert");
        builder.AddOutbox<VideoAlertDb>();
        // Devices' SIP passwords are encrypted under a key of this service's own, read when the host starts (SipKeyCheck),
        // before the SIP listeners: a replica without it does not serve.
        builder.Services.AddSingleton(sp => new SipSecrets(SecretProtector.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), SipSecrets.KeySetting, sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        builder.Services.AddHostedService<SipKeyCheck>();
        builder.Services.AddScoped<CameraRegistry>().AddScoped<CameraPlacement>().AddScoped<CameraFigures>().AddScoped<CameraImport>();
        // Point → grid is the grid service's answer (LocateGrid), asked with the caller's token.
        if (builder.Configuration[CameraPlacement.AddressKey] is { Length: > 0 } grid)
            builder.Services.AddGovernanceGrpcClient<GridService.GridServiceClient>(GridService.Descriptor, new Uri(grid))
                .ThroughDaprSidecarWhenEnabled(builder.Configuration, "grid");
        // GB/T 28181 intake (VideoAlert:Sip, UDP and TCP): who may register and what devices report, backed by the registry;
        // an alarm is committed before the 200 goes out. Status: offline after missed keepalives (VideoAlert:Presence).
        builder.Services.AddSingleton<SipCredentialCache>().AddSingleton<WebhookCameraCache>()
            .AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, CameraCacheInvalidation>();
        // The intake's handler is a singleton over singletons that open a scope only to touch the database (ScopeOnDemandSip).
        builder.Services.AddScoped<CameraSipCredentials>().AddScoped<CameraDeviceEvents>()
            .AddSingleton<ISipCredentials, ScopeOnDemandSipCredentials>().AddSingleton<IDeviceEvents, ScopeOnDemandDeviceEvents>()
            .AddScoped<CameraPresence>().AddScoped<PlatformPresence>().AddScoped<AlarmStore>().AddScoped<AlarmReads>();
        // Alarms from SIP and the webhook queue for one writer that stores whatever is waiting in one transaction.
        builder.Services.AddScoped<AlarmBatchWriter>().AddSingleton<AlarmBatcher>().AddHostedService(sp => sp.GetRequiredService<AlarmBatcher>());
        // Registrations stored with the devices (before AddSipIntake, whose in-memory default would otherwise stand).
        builder.Services.AddSingleton<SipRegistrationCache>().AddScoped<StoredSipRegistrations>()
            .AddSingleton<ISipRegistrations, ScopeOnDemandSipRegistrations>();
        builder.Services.AddSingleton<Gb28181Intake>().AddSingleton<ISipRequestHandler>(sp => sp.GetRequiredService<Gb28181Intake>());
        builder.Services.AddSipIntake();
        // Alarms fold into alerts (grouping window, flapping) as they are stored; reads and acknowledgment for REST and gRPC.
        builder.Services.AddScoped<AlertGrouping>().AddScoped<CameraFlapping>().AddScoped<AlertReads>().AddScoped<AlertAcknowledgment>();
        builder.Services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.Section)
            .Validate(o => o.IsValid, $"{AlertOptions.Section}: GroupingWindow and FlappingWindow must be positive and FlappingFlips at least 1.")
            .ValidateOnStart();
        builder.Services.AddPeriodicScan<GroupedCountFlush>(_ => AlertGrouping.GroupedEventsEvery);
        builder.Services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.Section)
            .Validate(o => o.KeepaliveInterval > TimeSpan.Zero && o.MissedKeepalives >= 1 && o.SweepInterval > TimeSpan.Zero,
                $"{PresenceOptions.Section}: KeepaliveInterval and SweepInterval must be positive and MissedKeepalives at least 1.")
            .ValidateOnStart();
        builder.Services.AddPeriodicScan<OfflineSweep>(sp => sp.GetRequiredService<IOptions<PresenceOptions>>().Value.SweepInterval);
        // gRPC (governance.videoalert.v1): acknowledging, and the alert watch fed from a queue of this replica's own, gone
        // when it stops, so that each replica's watches see every alert change.
        builder.Services.AddSingleton<AlertFanOut>();
        builder.AddConsumers(bus => bus.AddConsumer<AlertWatchConsumer>().Endpoint(e =>
        {
            e.InstanceId = Guid.NewGuid().ToString("n")[..12];
            e.Temporary = true;
        }));
        AddRouting(builder);
        // HTTP webhook for analytics boxes: per-source API keys (stored hashed), a token bucket per key (VideoAlert:Webhook).
        builder.Services.AddSingleton<WebhookKeyCache>().AddScoped<AlarmSourceAdmin>().AddScoped<WebhookIntake>().AddScoped<WebhookBatch>();
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.RequestsPerSecond > 0 && o.Burst > 0 && o.WallTimeOffset.Duration() <= TimeSpan.FromHours(14),
                $"{WebhookOptions.Section}: RequestsPerSecond and Burst must be positive, WallTimeOffset within ±14:00.")
            .ValidateOnStart();
        builder.Services.Configure<RateLimiterOptions>(rate => rate.AddWebhookRateLimit());
        // The standalone demo (VideoAlert:Demo:Enabled): demo cameras and source, and an alarm player for a newcomer.
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddScoped<DemoCameras>().AddScoped<DemoPlayer>().AddHostedService<DemoSeed>();
        builder.AddServiceOpenApi("videoalert", "Governance video-alert");
        return builder;
    }

    /// <summary>
    /// Routing (VideoAlert:Routing): open alerts → grid incidents (with the service account's token,
    /// VideoAlert:Grid:TokenEndpoint/ClientId/ClientSecret) or owners' maintenance tasks, by the rules held as data; the
    /// router is woken by each new alert's commit; routed alerts past their acknowledgment deadline escalate.
    /// </summary>
    private static void AddRouting(IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RoutingOptions>().BindConfiguration(RoutingOptions.Section)
            .Validate(o => o.IsValid(), $"{RoutingOptions.Section}: every interval and deadline must be positive, MaxRetry at least FirstRetry, Parallelism 1 to 64.").ValidateOnStart();
        builder.Services.AddSingleton<AlertCommitSignal>();
        builder.Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, AlertCommitInterceptor>();
        builder.Services.AddHttpClient(ClientCredentialsToken.HttpClientName);
        builder.Services.TryAddSingleton<IGridToken, ClientCredentialsGridToken>();
        builder.Services.AddScoped<RoutingRules>().AddScoped<MaintenanceTasks>().AddScoped<IncidentReporter>().AddScoped<AlertRouting>();
        builder.Services.AddHostedService<AlertRouter>();
        builder.Services.AddPeriodicScan<AckDeadlineSweep>(sp => sp.GetRequiredService<IOptions<RoutingOptions>>().Value.SweepInterval);
    }

    public static WebApplication MapVideoAlertService(this WebApplication app)
    {
        // REST endpoints on this group make video-alert's OpenAPI document (/openapi/videoalert.json).
        var api = app.MapServiceApi("videoalert");
        api.MapCamerasApi();
        api.MapCameraImportApi();
        api.MapAlarmsApi();
        api.MapAlertsApi();
        api.MapFiguresApi();
        app.MapGrpcService<VideoAlertGrpcService>();
        api.MapRoutingApi();
        api.MapMaintenanceTasksApi();
        api.MapSourcesApi();
        api.MapWebhookApi();
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled) api.MapDemoApi();
        return app;
    }
}
