using Governance.Identity.Clients;
using Governance.Identity.Data;
using Governance.Identity.OAuth;
using Governance.Identity.Roles;
using Microsoft.EntityFrameworkCore;

namespace Governance.Standalone;

/// <summary>
/// The standalone's services that call others with no user there do so as client-credentials service accounts, as in
/// the cluster: video-alert's router reports incidents to grid (client <c>video-alert</c>, role video_alert_service —
/// incident.report only), assessment reads population's care-visit counts (client <c>assessment</c>, role
/// assessment_service — care-case.figures only), search reads incidents' words from grid (client <c>search</c>, role
/// search_service — incident.read only). At start (after identity's bootstrap made the root), this makes each
/// client (grant client_credentials, its role at the root org) with a fresh secret written to the data folder beside
/// the *.kek files, where its service reads it (<c>{section}:ClientSecretFile</c>). A client whose secret file is gone
/// gets a new secret. Nothing is in code or appsettings; a cluster creates the clients through identity's admin API and
/// mounts the secrets.
/// </summary>
internal sealed partial class ServiceAccounts(IServiceProvider services, IConfiguration configuration, TimeProvider clock,
    ILogger<ServiceAccounts> logger) : IHostedService
{
    /// <summary>One service account: its client, name, role and the configuration section its service reads it from.</summary>
    public sealed record Account(string ClientId, string Name, string Role, string Section);

    public static readonly Account VideoAlert = new("video-alert", "视频告警路由 (video-alert router)", RoleCatalog.VideoAlertService, "VideoAlert:Grid");
    public static readonly Account Assessment = new("assessment", "考核服务 (assessment care-visit counts)", RoleCatalog.AssessmentService, "Assessment:Population");
    public static readonly Account Search = new("search", "检索服务 (search reads incidents' words)", RoleCatalog.SearchService, "Search:Grid");

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var account in new[] { VideoAlert, Assessment, Search }) await EnsureAsync(account, ct);
    }

    private async Task EnsureAsync(Account account, CancellationToken ct)
    {
        if (configuration[account.Section + ":ClientSecretFile"] is not { Length: > 0 } file || configuration[account.Section + ":ClientId"] != account.ClientId) return;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var client = await db.Set<Client>().FirstOrDefaultAsync(c => c.ClientId == account.ClientId, ct);
        if (client is not null && File.Exists(file)) return;
        var root = await db.OrgNodes.AsNoTracking().Where(n => n.ParentId == null).OrderBy(n => n.Path).Select(n => n.Path).FirstOrDefaultAsync(ct);
        if (root is null)
        {
            LogNoRoot(logger, account.ClientId);
            return;
        }
        var secret = ClientSecrets.NewSecret();
        var applications = scope.ServiceProvider.GetRequiredService<ClientApplications>();
        var now = clock.GetUtcNow().UtcDateTime;
        if (client is null)
        {
            client = new Client
            {
                ClientId = account.ClientId, Name = account.Name, GrantTypes = ClientAdmin.ClientCredentials, Scopes = "governance",
                OrgPath = root, Roles = account.Role, SecretHash = ClientSecrets.Hash(secret), CreatedAt = now,
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
        LogCreated(logger, account.ClientId, root, file);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No org tree yet: the service account {ClientId} is not made, and its service's calls wait")]
    private static partial void LogNoRoot(ILogger logger, string clientId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Service account {ClientId} at {Org} made; its secret is in {File}")]
    private static partial void LogCreated(ILogger logger, string clientId, string org, string file);
}
