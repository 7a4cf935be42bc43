using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grpc.Server;

/// <summary>The service instance of one call: from the request's scope when registered, else created in it.</summary>
internal static class ServiceResolver
{
    public static TService Resolve<TService>(HttpContext http) where TService : class =>
        ActivatorUtilities.GetServiceOrCreateInstance<TService>(http.RequestServices);
}
