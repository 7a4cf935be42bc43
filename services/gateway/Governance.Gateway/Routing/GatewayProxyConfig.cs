using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;

namespace Governance.Gateway.Routing;

/// <summary>
/// YARP's routes and clusters, built from <see cref="GatewayOptions.Services"/>: one cluster per configured service
/// (its one destination), one route per path family of <see cref="KnownServices"/>. Written once here rather than
/// as YARP JSON per route, so that a chart sets only the addresses.
/// </summary>
internal sealed class GatewayProxyConfig(IOptions<GatewayOptions> options) : IProxyConfigProvider
{
    private readonly Lazy<IProxyConfig> _config = new(() => Build(options.Value));

    public IProxyConfig GetConfig() => _config.Value;

    internal static IProxyConfig Build(GatewayOptions o)
    {
        var routes = new List<RouteConfig>();
        var clusters = new List<ClusterConfig>();
        foreach (var (name, address) in o.Services.Select(s => (s.Key.ToLowerInvariant(), s.Value)).OrderBy(s => s.Item1, StringComparer.Ordinal))
        {
            clusters.Add(new ClusterConfig
            {
                ClusterId = name,
                Destinations = new Dictionary<string, DestinationConfig> { [name] = new() { Address = address } },
                // The services' 8080 speaks HTTP/1.1 only (cleartext HTTP/2 is their gRPC port, which is not routed).
                HttpRequest = new ForwarderRequestConfig
                {
                    Version = HttpVersion.Version11,
                    VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
                    ActivityTimeout = o.ActivityTimeout,
                },
            });
            routes.AddRange(KnownServices.PathsOf(name).Select((path, i) => new RouteConfig
            {
                RouteId = $"{name}-{i}",
                ClusterId = name,
                Match = new RouteMatch { Path = path },
                // The gateway makes no decision about who may call: every service authenticates every call itself.
                AuthorizationPolicy = "anonymous",
                MaxRequestBodySize = o.MaxRequestBodyBytes,
                // X-Forwarded-For/Proto/Host/Prefix replaced by what the gateway saw (the client's address and scheme
                // after the gateway's own trusted proxies, the public host), never what a client wrote. YARP's default,
                // stated so that it stays: the services believe these headers only from Hosting:TrustedProxies.
                Transforms = [new Dictionary<string, string> { ["X-Forwarded"] = "Set" }],
            }));
        }
        return new Config(routes, clusters);
    }

    private sealed class Config(IReadOnlyList<RouteConfig> routes, IReadOnlyList<ClusterConfig> clusters) : IProxyConfig
    {
        public IReadOnlyList<RouteConfig> Routes { get; } = routes;
        public IReadOnlyList<ClusterConfig> Clusters { get; } = clusters;
        // Built once from options: it never changes while the host runs.
        public IChangeToken ChangeToken { get; } = new CancellationChangeToken(CancellationToken.None);
    }
}
