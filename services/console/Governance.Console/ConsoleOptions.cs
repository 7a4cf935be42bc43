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

    /// <summary>Seconds between the alert list's refreshes (the alerts page and the dashboard's new alerts).</summary>
    public int AlertsRefreshSeconds { get; set; } = 5;

    /// <summary>Map tiles for deployments that have a tile server (<c>{z}/{x}/{y}</c>); none: the map draws vectors only.</summary>
    public string? MapTileUrl { get; set; }
}
