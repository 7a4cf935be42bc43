namespace Governance.Console;

/// <summary>
/// <c>Console:*</c>. The console signs in at <see cref="Authority"/> (identity's issuer; <c>Auth:Issuer</c> when unset) as
/// the public client <see cref="ClientId"/>, and calls the services' REST APIs at <see cref="ApiBaseAddress"/>: the
/// host's own origin in the standalone host, the gateway's in the cluster.
/// </summary>
public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>Where the console is mounted. Its pages, sign-in callbacks and sign-out live under it.</summary>
    public const string BasePath = "/console";

    public string? Authority { get; set; }
    public string ClientId { get; set; } = "console";
    public bool RequireHttpsMetadata { get; set; } = true;
    public string? ApiBaseAddress { get; set; }

    /// <summary>How long before the access token's expiry it is refreshed with the refresh token.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A session (its cookie and its tokens held here) ends after this long without use.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Seconds between the dashboard's refreshes.</summary>
    public int DashboardRefreshSeconds { get; set; } = 30;

    /// <summary>
    /// Seconds between the alert list's refreshes (the alerts page and the dashboard's new alerts), only when
    /// <see cref="VideoAlertGrpcAddress"/> is unset: with it the pages watch video-alert's stream instead.
    /// </summary>
    public int AlertsRefreshSeconds { get; set; } = 5;

    /// <summary>
    /// Video-alert's gRPC address (cleartext HTTP/2 <c>http://video-alert:8081</c> in the cluster; the standalone host's own
    /// gRPC port). Set: each open alerts page and dashboard watches <c>WatchAlerts</c> as the user. Unset: they poll the REST list.
    /// </summary>
    public string? VideoAlertGrpcAddress { get; set; }

    /// <summary>Map tiles for deployments that have a tile server (<c>{z}/{x}/{y}</c>); none: the map draws vectors only.</summary>
    public string? MapTileUrl { get; set; }
}
