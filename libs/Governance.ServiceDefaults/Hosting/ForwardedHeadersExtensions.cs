using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace Governance.ServiceDefaults.Hosting;

/// <summary>
/// The client's address behind an ingress. Rate limits partition by
/// <c>HttpContext.Connection.RemoteIpAddress</c> and the audit records it; behind a proxy that is the
/// proxy's address, so every caller would share one bucket and one source. ASP.NET Core's
/// <see cref="ForwardedHeadersMiddleware"/> rewrites it from <c>X-Forwarded-For</c> (the scheme from
/// <c>X-Forwarded-Proto</c>, the host from <c>X-Forwarded-Host</c>), but only for hops listed in <see cref="HostingOptions.TrustedProxies"/>:
/// read from the right, the chain is believed up to the first address that is not a trusted proxy,
/// and that address is the client; whatever a client wrote further left is not believed.
/// The middleware's own defaults (loopback trusted) are cleared, and an empty list means no
/// middleware at all: the middleware treats empty lists as "trust every hop", which is the opposite.
/// </summary>
public static class ForwardedHeadersExtensions
{
    /// <summary>Checks <c>Hosting:TrustedProxies</c> at start and configures the middleware from it.</summary>
    public static IHostApplicationBuilder AddTrustedProxies(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<HostingOptions>, TrustedProxiesValidation>();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<HostingOptions>>((forwarded, hosting) =>
        {
            // Host too: behind the gateway (or an ingress) a service builds its public links (Open311 discovery) from the
            // host the client asked for, not from its in-cluster Service name.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear(); // holds 127.0.0.0/8 by default, as KnownProxies holds ::1
            // Every hop is checked against the list, so the chain may be as long as the trusted proxies make it.
            forwarded.ForwardLimit = null;
            foreach (var entry in hosting.Value.TrustedProxies.Select(e => e.Trim()))
            {
                if (entry.Contains('/')) forwarded.KnownIPNetworks.Add(IPNetwork.Parse(entry));
                else forwarded.KnownProxies.Add(IPAddress.Parse(entry));
            }
        });
        return builder;
    }

    /// <summary>Rewrites the client's address and scheme from trusted proxies' headers; nothing when none is configured.</summary>
    public static IApplicationBuilder UseTrustedForwardedHeaders(this IApplicationBuilder app)
    {
        var hosting = app.ApplicationServices.GetRequiredService<IOptions<HostingOptions>>().Value;
        return hosting.TrustedProxies.Count == 0 ? app : app.UseForwardedHeaders();
    }

    /// <summary>
    /// True for an IP address, or a CIDR network whose address has no bits past its prefix:
    /// <c>10.0.0.1/8</c> is refused rather than read as <c>10.0.0.0/8</c>, which its author may not have meant.
    /// </summary>
    internal static bool IsAddressOrNetwork(string entry)
    {
        if (!entry.Contains('/')) return IPAddress.TryParse(entry, out _);
        return IPNetwork.TryParse(entry, out var network)
            && IPAddress.TryParse(entry[..entry.IndexOf('/')], out var written)
            && network.BaseAddress.Equals(written);
    }

    /// <summary>Names the entry that is wrong, so that a typo in a values file fails the start with its index.</summary>
    private sealed class TrustedProxiesValidation : IValidateOptions<HostingOptions>
    {
        public ValidateOptionsResult Validate(string? name, HostingOptions options)
        {
            var wrong = options.TrustedProxies
                .Select((entry, index) => (entry, index))
                .Where(p => !IsAddressOrNetwork(p.entry.Trim()))
                .Select(p => $"Hosting:TrustedProxies:{p.index} '{p.entry}' is neither an IP address nor a CIDR network (e.g. 10.0.0.0/8; no address bits past the prefix).")
                .ToList();
            return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
        }
    }
}
