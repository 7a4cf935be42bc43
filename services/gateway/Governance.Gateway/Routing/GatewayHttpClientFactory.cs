using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Governance.Gateway.Routing;

/// <summary>YARP's client to the services, with a connect timeout: a service that is gone answers 502 quickly rather than after the OS gives up.</summary>
internal sealed class GatewayHttpClientFactory(ILogger<ForwarderHttpClientFactory> logger, IOptions<GatewayOptions> options)
    : ForwarderHttpClientFactory(logger)
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = options.Value.ConnectTimeout;
    }
}
