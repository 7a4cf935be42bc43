using Governance.Mediation.Consumers;
using Governance.Mediation.Levels;
using Governance.Mediation.Referrals;
using Governance.Messaging.Bus;
using Governance.ServiceDefaults.Scans;
using Governance.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Mediation.Cases;

/// <summary>Cases, their levels and referrals, and grid's hand-over: what <see cref="MediationExtensions"/> composes.</summary>
internal static class CasesExtensions
{
    public static IHostApplicationBuilder AddMediationCases(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(sp => new ContactCipher(SecretProtector.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), ContactCipher.KeySetting, sp.GetRequiredService<IHostEnvironment>().ContentRootPath)));
        builder.Services.AddScoped<CaseLedger>();
        builder.Services.AddScoped<LevelAssignment>();
        builder.Services.AddScoped<LevelRuleBook>();
        builder.Services.AddScoped<LevelRulesChanges>();
        builder.Services.AddScoped<CaseIntake>();
        builder.Services.AddScoped<CaseEscalation>();
        builder.Services.AddScoped<CaseReferrals>();
        builder.Services.AddOptions<LevelOptions>().BindConfiguration(LevelOptions.Section)
            .Validate(o => o.DeadlineScanInterval >= TimeSpan.FromSeconds(1), "Mediation:Levels:DeadlineScanInterval must be 1 s or more.")
            .ValidateOnStart();
        builder.Services.AddPeriodicScan<LevelDeadlineWatch>(sp => sp.GetRequiredService<IOptions<LevelOptions>>().Value.DeadlineScanInterval);
        builder.AddConsumers(bus =>
        {
            bus.AddConsumer<DisputeHandedOverConsumer>();
            bus.AddConsumer<OrgNodeChangedConsumer>();
        });
        return builder;
    }

    public static IEndpointRouteBuilder MapMediationCases(this IEndpointRouteBuilder app)
    {
        app.MapCasesApi();
        app.MapLevelRulesApi();
        return app;
    }
}
