using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grpc.Server;

/// <summary>
/// The service instance of one call: from the request's scope when registered, else created in it, as
/// <see cref="ActivatorUtilities.GetServiceOrCreateInstance{T}"/> does. What that costs per call is settled once,
/// when the rpc is mapped: whether the type is registered, and for one that is not, a compiled factory for its
/// single public constructor; a parameterless one needs nothing from the request, so the request's scope is not
/// created for it.
/// </summary>
internal sealed class ServiceResolver<TService> where TService : class
{
    private readonly bool _registered;
    private readonly ObjectFactory<TService>? _factory;
    private readonly IServiceProvider? _noDependencies;

    public ServiceResolver(IServiceProvider root)
    {
        _registered = root.GetService<IServiceProviderIsService>()?.IsService(typeof(TService)) ?? true;
        if (_registered) return;
        var constructors = typeof(TService).GetConstructors();
        if (constructors.Length != 1) return; // ActivatorUtilities chooses among several per call, as before
        _factory = ActivatorUtilities.CreateFactory<TService>([]);
        if (constructors[0].GetParameters().Length == 0) _noDependencies = root;
    }

    public TService Resolve(HttpContext http)
    {
        if (_factory is null) return ActivatorUtilities.GetServiceOrCreateInstance<TService>(http.RequestServices);
        return _factory(_noDependencies ?? http.RequestServices, null);
    }
}
