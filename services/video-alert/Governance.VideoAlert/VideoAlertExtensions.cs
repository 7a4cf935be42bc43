using Governance.Contracts.Grid.V1;
using Governance.Grpc.Client;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Scans;
using Governance.ServiceDefaults.Security;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Demo;
using Governance.VideoAlert.Figures;
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
            builder.Services.AddGovernanceGrpcClient<GridService.GridServiceClient>(GridService.Descriptor, new Uri(grid));
        // GB/T 28181 intake (VideoAlert:Sip, UDP and TCP): who may register and what devices report, backed by the registry;
        // an alarm is committed before the 200 goes out. Status: offline after missed keepalives (VideoAlert:Presence).
        builder.Services.AddScoped<ISipCredentials, CameraSipCredentials>().AddScoped<IDeviceEvents, CameraDeviceEvents>()
            .AddScoped<CameraPresence>().AddScoped<AlarmStore>().AddScoped<AlarmReads>();
        builder.Services.AddSipIntake();
        builder.Services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.Section)
            .Validate(o => o.KeepaliveInterval > TimeSpan.Zero && o.MissedKeepalives >= 1 && o.SweepInterval > TimeSpan.Zero,
                $"{PresenceOptions.Section}: KeepaliveInterval and SweepInterval must be positive and MissedKeepalives at least 1.")
            .ValidateOnStart();
        builder.Services.AddPeriodicScan<OfflineSweep>(sp => sp.GetRequiredService<IOptions<PresenceOptions>>().Value.SweepInterval);
        // HTTP webhook for analytics boxes: per-source API keys (stored hashed), a token bucket per key (VideoAlert:Webhook).
        builder.Services.AddScoped<AlarmSourceAdmin>().AddScoped<WebhookIntake>().AddScoped<WebhookBatch>();
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section)
            .Validate(o => o.RequestsPerSecond > 0 && o.Burst > 0 && o.WallTimeOffset.Duration() <= TimeSpan.FromHours(14),
                $"{WebhookOptions.Section}: RequestsPerSecond and Burst must be positive, WallTimeOffset within ±14:00.")
            .ValidateOnStart();
        builder.Services.Configure<RateLimiterOptions>(rate => rate.AddWebhookRateLimit());
        // The standalone demo (VideoAlert:Demo:Enabled): demo cameras and source, and an alarm player for a newcomer.
        builder.Services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section);
        builder.Services.AddScoped<DemoCameras>().AddScoped<DemoPlayer>();
        builder.AddServiceOpenApi("videoalert", "Governance video-alert");
        return builder;
    }

    public static WebApplication MapVideoAlertService(this WebApplication app)
    {
        // REST endpoints on this group make video-alert's OpenAPI document (/openapi/videoalert.json).
        var api = app.MapServiceApi("videoalert");
        api.MapCamerasApi();
        api.MapCameraImportApi();
        api.MapAlarmsApi();
        api.MapFiguresApi();
        api.MapSourcesApi();
        api.MapWebhookApi();
        if (app.Services.GetRequiredService<IOptions<DemoOptions>>().Value.Enabled) api.MapDemoApi();
        return app;
    }
}
