using Governance.Grpc.Client;
using Microsoft.Extensions.Configuration;

namespace Governance.Search.Details;

/// <summary>The token search reads incidents from grid with: its own service account's, no user's.</summary>
public interface ISearchGridToken : IServiceAccountToken;

/// <summary>
/// Search's service account (<see cref="ClientCredentialsToken"/>, section <c>Search:Grid</c>): a client whose role carries
/// only incident.read (identity's role search_service), at the org whose incidents it indexes.
/// </summary>
public sealed class ClientCredentialsSearchGridToken(IHttpClientFactory httpClients, IConfiguration configuration, TimeProvider clock)
    : ClientCredentialsToken(httpClients, configuration, Section, clock), ISearchGridToken
{
    public const string Section = "Search:Grid";
    /// <summary>Grid's gRPC address; without it incidents are indexed from their events alone.</summary>
    public const string AddressKey = Section + ":Address";
}
