using Governance.Contracts.Grid.V1;
using Governance.Grpc.Client;
using Governance.Population.Access;
using Governance.Population.Data;
using Governance.Population.Grpc;
using Governance.Population.Houses;
using Governance.Population.Imports;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Governance.Population;

/// <summary>The population service, as its own host and the standalone host compose it.</summary>
public static class PopulationExtensions
{
    public static IHostApplicationBuilder AddPopulationService(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<PopulationDb>("population");
        builder.AddOutbox<PopulationDb>();
        // The keys are read once, when the host starts (ProtectionKeysCheck): a replica without them does not serve.
        builder.Services.AddSingleton(sp => PersonalDataCipher.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        builder.Services.AddSingleton(sp => LookupHash.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        builder.Services.AddHostedService<ProtectionKeysCheck>();
        builder.Services.AddScoped<PersonRegistration>().AddScoped<PersonAccess>();
        builder.Services.AddScoped<HouseRegistry>().AddScoped<GridPlacement>();
        // Point → grid is the grid service's answer (LocateGrid), asked with the caller's token, when its address is configured.
        if (builder.Configuration[GridPlacement.AddressKey] is { Length: > 0 } grid)
            builder.Services.AddGovernanceGrpcClient<GridService.GridServiceClient>(GridService.Descriptor, new Uri(grid));
        builder.Services.AddScoped<PopulationGrpcService>();
        // Imports: uploads queue jobs that this replica's worker (one job at a time) checks and stores.
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        builder.Services.AddScoped<ImportUploads>().AddScoped<ImportJobs>().AddScoped<ImportClaims>()
            .AddScoped<PersonImportCheck>().AddScoped<PersonImportStore>();
        builder.Services.AddSingleton<ImportSignal>();
        builder.Services.TryAddSingleton<ImportStages>();
        builder.Services.AddHostedService<ImportWorker>();
        builder.AddServiceOpenApi("population", "Governance population");
        return builder;
    }

    public static WebApplication MapPopulationService(this WebApplication app)
    {
        // REST endpoints on this group make population's OpenAPI document (/openapi/population.json).
        var api = app.MapServiceApi("population");
        api.MapPersonsApi();
        api.MapAccessLogApi();
        api.MapHousesApi();
        api.MapImportsApi();
        app.MapGrpcService<PopulationGrpcService>();
        return app;
    }
}
