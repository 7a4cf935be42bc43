using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Grpc.Client;

/// <summary>Registers gRPC clients.</summary>
public static class GrpcClientExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="GrpcClient"/> keyed by <paramref name="name"/> (one HttpClient per server)
    /// and <typeparamref name="TClient"/>, a typed wrapper whose constructor takes that <see cref="GrpcClient"/>.
    /// </summary>
    public static IServiceCollection AddGrpcClient<TClient>(this IServiceCollection services, string name, Action<GrpcClientOptions> configure)
        where TClient : class
    {
        services.AddHttpContextAccessor();
        services.AddOptions<GrpcClientOptions>(name).Configure(configure)
            .Validate(o => o.Address is not null, $"The gRPC client '{name}' needs an Address.")
            .Validate(o => o.DefaultDeadline > TimeSpan.Zero && o.MaxAttempts >= 1, $"The gRPC client '{name}' needs a positive DefaultDeadline and MaxAttempts.");
        services.AddKeyedSingleton(name, (sp, _) => new GrpcClient(
            sp.GetRequiredService<IOptionsMonitor<GrpcClientOptions>>().Get(name), sp.GetService<Microsoft.AspNetCore.Http.IHttpContextAccessor>()));
        services.AddTransient(sp => ActivatorUtilities.CreateInstance<TClient>(sp, sp.GetRequiredKeyedService<GrpcClient>(name)));
        return services;
    }

    /// <summary>As <see cref="AddGrpcClient{TClient}(IServiceCollection, string, Action{GrpcClientOptions})"/>, named after <typeparamref name="TClient"/>.</summary>
    public static IServiceCollection AddGrpcClient<TClient>(this IServiceCollection services, Action<GrpcClientOptions> configure)
        where TClient : class => services.AddGrpcClient<TClient>(typeof(TClient).Name, configure);
}
