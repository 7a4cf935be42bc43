using Governance.Contracts.Population.V1;
using Governance.Grpc.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Governance.Assessment.CareVisits;

internal static class CareVisitRegistration
{
    /// <summary>
    /// Population's client at <c>Assessment:Population:Address</c> (none configured: fetching answers 503), and the
    /// service account's token source, and the refresher (off unless <c>Assessment:Population:RefreshInterval</c> is set).
    /// </summary>
    public static IHostApplicationBuilder AddCareVisitFigures(this IHostApplicationBuilder builder)
    {
        if (builder.Configuration[ClientCredentialsPopulationToken.AddressKey] is { Length: > 0 } population)
            builder.Services.AddGovernanceGrpcClient<PopulationService.PopulationServiceClient>(PopulationService.Descriptor, new Uri(population))
                .ThroughDaprSidecarWhenEnabled(builder.Configuration, "population");
        builder.Services.AddHttpClient(ClientCredentialsToken.HttpClientName);
        builder.Services.TryAddSingleton<IPopulationToken, ClientCredentialsPopulationToken>();
        builder.Services.AddScoped<CareVisitFetcher>();
        builder.Services.AddHostedService<CareVisitRefresher>();
        return builder;
    }
}
