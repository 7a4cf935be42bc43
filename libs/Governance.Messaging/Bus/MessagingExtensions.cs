using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Messaging.Bus;

/// <summary>
/// The host's one MassTransit bus: RabbitMQ when <c>ConnectionStrings:rabbitmq</c> is set, in memory
/// otherwise. Services contribute their consumers with <see cref="AddConsumers"/> from their own
/// <c>Add&lt;Service&gt;()</c>; the host calls <see cref="AddMessaging"/> once, after every service,
/// so that one process can carry several services (standalone) or one (cluster).
/// </summary>
public static class MessagingExtensions
{
    private const string RegistrationsKey = "Governance.Messaging.Registrations";
    private const string BuiltKey = "Governance.Messaging.Built";

    /// <summary>Adds consumers (and their definitions) to the bus that <see cref="AddMessaging"/> will build.</summary>
    public static IHostApplicationBuilder AddConsumers(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator> configure)
    {
        if (builder.Properties.ContainsKey(BuiltKey))
            throw new InvalidOperationException("AddMessaging() has already built the bus: add consumers before it.");
        Registrations(builder).Add(configure);
        return builder;
    }

    /// <summary>
    /// Builds the bus with every consumer added so far (and <paramref name="configure"/>'s): kebab-case
    /// queue names prefixed by <c>Messaging:ServiceName</c>, retries then the error queue, quorum
    /// queues when configured, and a readiness check. Call once per host, after the services.
    /// </summary>
    public static IHostApplicationBuilder AddMessaging(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? configure = null)
    {
        if (builder.Properties.ContainsKey(BuiltKey))
            throw new InvalidOperationException("AddMessaging() was already called on this host.");
        builder.Properties[BuiltKey] = true;
        if (configure is not null) Registrations(builder).Add(configure);

        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.Section)
            .Validate(o => o.EffectiveRetryIntervalsMs.All(ms => ms >= 0), "Messaging:RetryIntervalsMs must not be negative.")
            .Validate(o => o.PrefetchCount > 0 && o.ConcurrentMessageLimit > 0, "Messaging: prefetch and concurrency must be positive.")
            .Validate(o => o.Heartbeat >= TimeSpan.FromSeconds(1), "Messaging:Heartbeat must be at least one second.")
            .Validate(o => o.InboxBatchSize is >= 1 and <= 1000, "Messaging:InboxBatchSize must be 1-1000.")
            .Validate(o => o.InboxBatchWait > TimeSpan.Zero, "Messaging:InboxBatchWait must be positive.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>() ?? new MessagingOptions();
        var prefix = string.IsNullOrWhiteSpace(options.ServiceName) ? builder.Environment.ApplicationName : options.ServiceName;
        var rabbitmq = builder.Configuration.GetConnectionString("rabbitmq");
        var registrations = Registrations(builder);

        // MassTransit asks the container for each consumer's definition: this one batches inbox
        // consumers and gives every other consumer its retries (PlatformConsumerDefinition).
        builder.Services.TryAddTransient(typeof(IConsumerDefinition<>), typeof(PlatformConsumerDefinition<>));
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(KebabPrefix(prefix), false));
            // MassTransit 8.5 reports usage to its vendor over the internet unless told not to: nothing
            // of a governance platform's leaves the deployment uninvited.
            bus.DisableUsageTelemetry();
            foreach (var register in registrations) register(bus);

            if (string.IsNullOrWhiteSpace(rabbitmq))
            {
                bus.UsingInMemory((context, cfg) => ConfigureBus(context, cfg));
                return;
            }
            bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                if (options.QuorumQueues && endpoint is IRabbitMqReceiveEndpointConfigurator queue) queue.SetQuorumQueue();
            });
            bus.UsingRabbitMq((context, cfg) =>
            {
                // Reconnecting after a broker restart is MassTransit's own work: each receive endpoint
                // retries its connection (backing off to 30 s) for as long as the bus runs. Never stop
                // and start the bus to "help" it: a bus stopped while an endpoint is faulted does not
                // start that endpoint again (docs/adr/0009-broker-outage-recovery.md).
                cfg.Host(new Uri(rabbitmq), host =>
                {
                    host.PublisherConfirmation = true;
                    // A broker that vanished without closing the socket is noticed after two missed
                    // heartbeats rather than RabbitMQ.Client's default of 2 x 60 s.
                    host.Heartbeat(options.Heartbeat);
                });
                ConfigureBus(context, cfg);
            });
        });
        // Without this the host reports started before its receive endpoints are bound, and early
        // messages are missed (STACK.md).
        builder.Services.Configure<MassTransitHostOptions>(o =>
        {
            o.WaitUntilStarted = true;
            o.StopTimeout = TimeSpan.FromSeconds(30);
        });
        return builder;
    }

    private static void ConfigureBus<T>(IBusRegistrationContext context, IBusFactoryConfigurator<T> cfg)
        where T : IReceiveEndpointConfigurator
    {
        var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
        cfg.PrefetchCount = options.PrefetchCount;
        cfg.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
        // Retries are per consumer (PlatformConsumerDefinition), not for the whole endpoint: an inbox
        // consumer's batch must retry in place, or the messages behind a retried one overtake it.
        cfg.ConfigureEndpoints(context);
    }

    private static List<Action<IBusRegistrationConfigurator>> Registrations(IHostApplicationBuilder builder)
    {
        if (!builder.Properties.TryGetValue(RegistrationsKey, out var list))
            builder.Properties[RegistrationsKey] = list = new List<Action<IBusRegistrationConfigurator>>();
        return (List<Action<IBusRegistrationConfigurator>>)list;
    }

    private static string KebabPrefix(string name) =>
        new KebabCaseEndpointNameFormatter(false).SanitizeName(name.Replace('.', '-'));
}
