using Governance.Contracts.Grid.V1;
using Governance.Grpc.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Governance.Search.Details;

internal static class DetailsRegistration
{
    /// <summary>
    /// Grid's client at <c>Search:Grid:Address</c> (none configured: incidents are indexed from their events alone), the
    /// service account's token source and the fetcher.
    /// </summary>
    public static IHostApplicationBuilder AddIncidentDetails(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[ClientCredentialsSearchGridToken.AddressKey] is { Length: > 0 } grid)
            builder.Services.AddGovernanceGrpcClient<GridService.GridServiceClient>(GridService.Descriptor, new Uri(grid))
                .ThroughDaprSidecarWhenEnabled(builder.Configuration, "grid");
        builder.Services.AddHttpClient(ClientCredentialsToken.HttpClientName);
        builder.Services.TryAddSingleton<ISearchGridToken, ClientCredentialsSearchGridToken>();
        builder.Services.AddSingleton<IncidentDetailsFetcher>().AddHostedService(sp => sp.GetRequiredService<IncidentDetailsFetcher>());
        return builder;
    }
}
