using Governance.Messaging.Bus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.Grid.Incidents.HandOver;

/// <summary>Following handed-over disputes through mediation: what <see cref="GridExtensions"/> adds.</summary>
internal static class HandOverExtensions
{
    public static IHostApplicationBuilder AddMediationFollowing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<MediationFollowing>();
        builder.AddConsumers(bus =>
        {
            bus.AddConsumer<DisputeRegisteredConsumer>();
            bus.AddConsumer<DisputeEscalatedConsumer>();
            bus.AddConsumer<DisputeSettledConsumer>();
            bus.AddConsumer<DisputeMediationFailedConsumer>();
            bus.AddConsumer<DisputeWithdrawnConsumer>();
            bus.AddConsumer<DisputeDeclinedConsumer>();
            bus.AddConsumer<DisputeFollowUpDoneConsumer>();
        });
        return builder;
    }
}
