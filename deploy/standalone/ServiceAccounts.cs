using Governance.Identity.Clients;
using Governance.Identity.Data;
using Governance.Identity.OAuth;
using Governance.Identity.Roles;
using Microsoft.EntityFrameworkCore;

namespace Governance.Standalone;

/// <summary>
/// The standalone's video-alert router reports incidents to grid as a client-credentials service account, as in the
/// cluster. At start (after identity's bootstrap made the root), this makes the identity client <c>video-alert</c>
/// (grant client_credentials, role video_alert_service — incident.report only — at the root org) with a fresh secret
/// written to the data folder beside the *.kek files, where video-alert reads it
/// (<c>VideoAlert:Grid:ClientSecretFile</c>). A client whose secret file is gone gets a new secret. Nothing is in code or
/// appsettings; a cluster creates the client through identity's admin API and mounts the secret.
/// </summary>
internal sealed partial class VideoAlertServiceAccount(IServiceProvider services, IConfiguration configuration, TimeProvider clock,
    ILogger<VideoAlertServiceAccount> logger) : IHostedService
{
    public const string ClientId = "video-alert";

    public async Task StartAsync(CancellationToken ct)
    {
        if (configuration["VideoAlert:Grid:ClientSecretFile"] is not { Length: > 0 } file || configuration["VideoAlert:Grid:ClientId"] != ClientId) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var client = await db.Set<Client>().FirstOrDefaultAsync(c => c.ClientId == ClientId, ct);
        if (client is not null && File.Exists(file)) return;
        var root = await db.OrgNodes.AsNoTracking().Where(n => n.ParentId == null).OrderBy(n => n.Path).Select(n => n.Path).FirstOrDefaultAsync(ct);
        if (root is null)
        {
            LogNoRoot(logger);
            return;
        }
        var secret = ClientSecrets.NewSecret();
        var applications = scope.ServiceProvider.GetRequiredService<ClientApplications>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (client is null)
        {
            client = new Client
            {
                ClientId = ClientId, Name = "视频告警路由 (video-alert router)", GrantTypes = ClientAdmin.ClientCredentials, Scopes = "governance",
                OrgPath = root, Roles = RoleCatalog.VideoAlertService, SecretHash = ClientSecrets.Hash(secret), CreatedAt = now,
            };
            db.Set<Client>().Add(client);
            await applications.CreateAsync(client, secret, ct);
        }
        else
        {
            client.SecretHash = ClientSecrets.Hash(secret);
            client.SecretRotatedAt = now;
            await db.SaveChangesAsync(ct);
            await applications.SetSecretAsync(client, secret, ct);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await File.WriteAllTextAsync(file, secret, ct);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        LogCreated(logger, ClientId, root, file);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No org tree yet: the video-alert service account is not made, and alerts are not reported to grid")]
    private static partial void LogNoRoot(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Service account {ClientId} at {Org} made; its secret is in {File}")]
    private static partial void LogCreated(ILogger logger, string clientId, string org, string file);
}
