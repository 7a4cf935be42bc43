using Microsoft.Extensions.DependencyInjection;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// Runs each request's handler in its own DI scope, so the service can back <see cref="ISipCredentials"/> and
/// <see cref="IDeviceEvents"/> with a scoped DbContext while the listeners are singletons.
/// </summary>
public sealed class ScopedSipRequestHandler<THandler>(IServiceScopeFactory scopes) : ISipRequestHandler
    where THandler : ISipRequestHandler
{
    public async Task<SipResponse?> HandleAsync(SipRequestContext context, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<THandler>().HandleAsync(context, cancellationToken);
    }
}
