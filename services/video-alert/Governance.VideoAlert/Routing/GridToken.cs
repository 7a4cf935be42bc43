using Governance.Grpc.Client;
using Microsoft.Extensions.Configuration;

namespace Governance.VideoAlert.Routing;

/// <summary>The bearer token the router reports incidents to grid with: the service's own, not a user's (no user is there).</summary>
public interface IGridToken : IServiceAccountToken;

/// <summary>
/// Video-alert's service account (<see cref="ClientCredentialsToken"/>, section <c>VideoAlert:Grid</c>): a client whose
/// role carries only incident.report (identity's role video_alert_service), at the org it reports for.
/// </summary>
public sealed class ClientCredentialsGridToken(IHttpClientFactory httpClients, IConfiguration configuration, TimeProvider clock)
    : ClientCredentialsToken(httpClients, configuration, Section, clock), IGridToken
{
    public const string Section = "VideoAlert:Grid";
    public const string EndpointKey = Section + ":TokenEndpoint";
    public const string ClientIdKey = Section + ":ClientId";
    public const string ClientSecretKey = Section + ":ClientSecret";
    /// <summary>Or a file holding the secret (a mounted secret; the standalone writes one into its data folder).</summary>
    public const string ClientSecretFileKey = Section + ":ClientSecretFile";
}
