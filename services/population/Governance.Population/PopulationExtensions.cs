using Governance.Contracts.Grid.V1;
using Governance.Grpc.Client;
using Governance.Messaging.Bus;
using Governance.Messaging.Outbox;
using Governance.Population.Access;
using Governance.Population.Care;
using Governance.Population.Data;
using Governance.Population.Demo;
using Governance.Population.Exports;
using Governance.Population.Floating;
using Governance.Population.Grpc;
using Governance.Population.Households;
using Governance.Population.Houses;
using Governance.Population.Imports;
using Governance.Population.Moves;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.Population.Rental;
using Governance.Population.Residents;
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
        // Values under a retired key move to the current one: at start, then periodically, and on an operator's demand.
        builder.Services.AddOptions<KeyRotationOptions>().BindConfiguration(KeyRotationOptions.Section)
            .Validate(o => o.IntervalMinutes is >= 1 and <= 10080, $"{KeyRotationOptions.Section}:IntervalMinutes must be 1 to 10080.")
            .Validate(o => o.BatchSize is >= 1 and <= 5000, $"{KeyRotationOptions.Section}:BatchSize must be 1 to 5000.")
            .ValidateOnStart();
        builder.Services.AddScoped<KeyRotation>();
        builder.Services.TryAddSingleton<KeyRotationStages>();
        builder.Services.AddHostedService<KeyRotationWorker>();
        builder.Services.AddScoped<PersonRegistration>().AddScoped<PersonAccess>();
        builder.Services.AddScoped<HouseRegistry>().AddScoped<GridPlacement>().AddScoped<GridAreaFollower>();
        builder.AddConsumers(bus =>
        {
            bus.AddConsumer<GridAreaRegisteredConsumer>();
            bus.AddConsumer<GridAreaChangedConsumer>();
            bus.AddConsumer<Org.OrgNodeChangedConsumer>();
        });
        builder.Services.AddScoped<PopulationReach>().AddScoped<PersonMoves>().AddScoped<HouseholdRegistry>().AddScoped<ResidentRegister>();
        builder.Services.AddScoped<PersonEdit>().AddScoped<HouseEdit>();
        // Point → grid is the grid service's answer (LocateGrid), asked with the caller's token, when its address is configured.
        if (builder.Configuration[GridPlacement.AddressKey] is { Length: > 0 } grid)
            builder.Services.AddGovernanceGrpcClient<GridService.GridServiceClient>(GridService.Descriptor, new Uri(grid))
                .ThroughDaprSidecarWhenEnabled(builder.Configuration, "grid");
        builder.AddRentalHousing();
        builder.AddFloatingPopulation();
        builder.Services.AddScoped<PopulationGrpcService>();
        builder.Services.AddOptions<CareOptions>().BindConfiguration(CareOptions.Section)
            .Validate(o => o.MinimumCount >= 1, $"{CareOptions.Section}:MinimumCount must be at least 1.")
            .Validate(o => o.VisitIntervalDays.All(i => CareCategories.All.Contains(i.Key) && i.Value is >= 1 and <= 365),
                $"{CareOptions.Section}:VisitIntervalDays names a category of care cases and 1 to 365 days each.")
            .ValidateOnStart();
        builder.Services.AddScoped<CareAssigning>().AddScoped<CareWork>().AddScoped<CareFigures>().AddScoped<CareVisitFigures>();
        // Imports: uploads queue jobs that this replica's worker (one job at a time) checks and stores.
        builder.Services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section);
        builder.Services.AddScoped<ImportUploads>().AddScoped<ImportJobs>().AddScoped<ImportClaims>()
            .AddScoped<PersonImportCheck>().AddScoped<PersonImportStore>().AddScoped<HouseImport>().AddScoped<HouseholdImport>();
        builder.Services.AddSingleton<ImportSignal>();
        builder.Services.TryAddSingleton<ImportStages>();
        builder.Services.AddHostedService<ImportWorker>();
        // The standalone demo's residents (Population:DemoSeed), once the grid's demo compounds have arrived.
        builder.Services.AddOptions<PopulationDemoOptions>().BindConfiguration(PopulationDemoOptions.Section);
        builder.Services.AddHostedService<PopulationDemoSeed>();
        builder.Services.AddScoped<PersonExport>().AddScoped<HouseholdExport>();
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
        api.MapCareApi();
        api.MapRentalsApi();
        api.MapRentalRulesApi();
        api.MapFloatingApi();
        api.MapMovesApi();
        api.MapHouseholdsApi();
        api.MapResidentsApi();
        api.MapPersonEditApi();
        api.MapHouseEditApi();
        api.MapImportsApi();
        api.MapExportsApi();
        api.MapProtectionApi();
        app.MapGrpcService<PopulationGrpcService>();
        return app;
    }
}
