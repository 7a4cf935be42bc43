using Governance.Grid.Cells;
using Governance.Grid.Consumers;
using Governance.Grid.Data;
using Governance.Grid.Demo;
using Governance.Grid.Departments;
using Governance.Grid.Dispatch;
using Governance.Grid.Grpc;
using Governance.Grid.Incidents;
using Governance.Grid.Incidents.HandOver;
using Governance.Grid.Lookup;
using Governance.Grid.Open311;
using Governance.Grid.Patrols;
using Governance.Grid.Rules;
using Governance.Grid.WorkingTime;
using Governance.Grid.Staffing;
using Governance.Messaging.Bus;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Scans;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Grid;

/// <summary>The grid service, as its own host and the standalone host compose it.</summary>
public static class GridExtensions
{
    public static IHostApplicationBuilder AddGridService(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<GridDb>("grid");
        builder.AddOutbox<GridDb>();
        builder.AddConsumers(bus =>
        {
            bus.AddConsumer<OrgNodeCreatedConsumer>();
            bus.AddConsumer<OrgNodeChangedConsumer>();
            bus.AddConsumer<OrgNodeRetiredConsumer>();
            bus.AddConsumer<DepartmentCreatedConsumer>();
            bus.AddConsumer<DepartmentChangedConsumer>();
            bus.AddConsumer<DepartmentRetiredConsumer>();
            bus.AddConsumer<DepartmentRestatedConsumer>();
            // A queue of this replica's own, gone when it stops: each replica's watches see every dispatch.
            bus.AddConsumer<DispatchWatchConsumer>().Endpoint(e =>
            {
                e.InstanceId = Guid.NewGuid().ToString("n")[..12];
                e.Temporary = true;
            });
        });
        builder.AddMediationFollowing();
        builder.Services.AddSingleton<DispatchFanOut>();
        builder.Services.AddSingleton<GridLocator>();
        builder.Services.AddScoped<CellImport>();
        builder.Services.AddOptions<IncidentOptions>().BindConfiguration(IncidentOptions.Section)
            .Validate(o => o.DeadlineScanInterval >= TimeSpan.FromSeconds(1), "Grid:Incidents:DeadlineScanInterval must be 1 s or more.")
            .ValidateOnStart();
        builder.Services.AddScoped<IncidentLedger>();
        builder.Services.AddScoped<IncidentWorkflow>();
        builder.Services.AddScoped<IncidentCoordination>();
        builder.Services.AddScoped<DispatchTargets>();
        builder.Services.AddScoped<DepartmentSteps>();
        builder.Services.AddScoped<DuplicateFinder>();
        builder.AddGridRules();
        builder.Services.AddPeriodicScan<DeadlineWatch>(sp => sp.GetRequiredService<IOptions<IncidentOptions>>().Value.DeadlineScanInterval);
        builder.Services.AddOptions<GridDemoOptions>().BindConfiguration(GridDemoOptions.Section);
        builder.Services.AddHostedService<GridDemoSeed>();
        builder.Services.AddOptions<Open311Options>().BindConfiguration(Open311Options.Section).ValidateOnStart();
        builder.AddServiceOpenApi("grid", "Governance grid");
        return builder;
    }

    public static WebApplication MapGridService(this WebApplication app)
    {
        // REST endpoints on this group make the grid's OpenAPI document (/openapi/grid.json).
        var api = app.MapServiceApi("grid");
        api.MapCellsApi();
        api.MapGridAreasApi();
        api.MapLocateApi();
        api.MapIncidentsApi();
        api.MapDispatchApi();
        api.MapDepartmentFiguresApi();
        api.MapIncidentFiguresApi();
        api.MapStaffingApi();
        api.MapPatrolsApi();
        api.MapOpen311Api();
        api.MapOpen311ClientsApi();
        api.MapRulesApi();
        api.MapCalendarsApi();
        app.MapGridGrpcService();
        return app;
    }
}
