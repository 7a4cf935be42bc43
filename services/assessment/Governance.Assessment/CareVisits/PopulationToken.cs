using Governance.Grpc.Client;
using Microsoft.Extensions.Configuration;

namespace Governance.Assessment.CareVisits;

/// <summary>The token assessment asks population for care-visit counts with: its own service account's, no user's.</summary>
public interface IPopulationToken : IServiceAccountToken;

/// <summary>
/// Assessment's service account (<see cref="ClientCredentialsToken"/>, section <c>Assessment:Population</c>): a client
/// whose role carries only care-case.figures (identity's role assessment_service), at the org it scores.
/// </summary>
public sealed class ClientCredentialsPopulationToken(IHttpClientFactory httpClients, IConfiguration configuration, TimeProvider clock)
    : ClientCredentialsToken(httpClients, configuration, Section, clock), IPopulationToken
{
    public const string Section = "Assessment:Population";
    /// <summary>Population's gRPC address; without it care visits are not fetched.</summary>
    public const string AddressKey = Section + ":Address";
    public const string EndpointKey = Section + ":TokenEndpoint";
    public const string ClientIdKey = Section + ":ClientId";
    public const string ClientSecretKey = Section + ":ClientSecret";
    public const string ClientSecretFileKey = Section + ":ClientSecretFile";
}
