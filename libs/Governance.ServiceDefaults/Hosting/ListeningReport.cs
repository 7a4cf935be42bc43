using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.ServiceDefaults.Hosting;

/// <summary>Prints where the host listens once Kestrel has bound its ports (port 0 is resolved by then).</summary>
public static class ListeningReport
{
    /// <summary>Writes one plain line per address to standard output when the host has started.</summary>
    public static WebApplication PrintListeningAddresses(this WebApplication app, string title)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            Console.WriteLine($"{title} is up:");
            // Kestrel reports the listeners in the order ListenerExtensions binds them: HTTP, then gRPC.
            string[] roles = ["HTTP/1.1 (REST, Open311, OIDC, OpenAPI)", "HTTP/2 (gRPC)"];
            var i = 0;
            foreach (var address in addresses)
                Console.WriteLine($"  {(i < roles.Length ? roles[i++] : "listener"),-42} {address}");
            Console.Out.Flush();
        });
        return app;
    }
}
