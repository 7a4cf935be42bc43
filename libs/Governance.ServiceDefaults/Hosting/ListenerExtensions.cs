using System.Net;
using Governance.ServiceDefaults.Limits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.ServiceDefaults.Hosting;

/// <summary>The two listeners of every host: HTTP/1.1 on 8080 and HTTP/2 (gRPC) on 8081.</summary>
public static class ListenerExtensions
{
    /// <summary>Binds <see cref="HostingOptions"/> and configures Kestrel from it.</summary>
    public static IHostApplicationBuilder AddDefaultListeners(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<HostingOptions>().BindConfiguration(HostingOptions.Section)
            .Validate(o => IPAddress.TryParse(o.BindAddress, out _), "Hosting:BindAddress must be an IP address.")
            .Validate(o => o.HttpPort is >= 0 and <= 65535 && o.GrpcPort is >= 0 and <= 65535, "Hosting ports must be 0-65535.")
            .Validate(o => o.HttpPort == 0 || o.HttpPort != o.GrpcPort, "Hosting:HttpPort and Hosting:GrpcPort must differ.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IConfigureOptions<KestrelServerOptions>, ConfigureListeners>();
        return builder;
    }

    private sealed class ConfigureListeners(IOptions<HostingOptions> hosting, IOptions<LimitsOptions> limits)
        : IConfigureOptions<KestrelServerOptions>
    {
        public void Configure(KestrelServerOptions kestrel)
        {
            var o = hosting.Value;
            var address = IPAddress.Parse(o.BindAddress);
            kestrel.AddServerHeader = false;
            // The hard ceiling for any body; REST endpoints get the smaller default per request
            // (RequestLimitsMiddleware) and gRPC enforces its own per-message limit.
            kestrel.Limits.MaxRequestBodySize = limits.Value.MaxBodyCeilingBytes;

            kestrel.Listen(address, o.HttpPort, listen =>
            {
                listen.Protocols = o.CertificatePath is null ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
                UseTlsIfConfigured(listen, o);
            });
            kestrel.Listen(address, o.GrpcPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                UseTlsIfConfigured(listen, o);
            });
        }

        private static void UseTlsIfConfigured(ListenOptions listen, HostingOptions o)
        {
            if (o.CertificatePath is not null) listen.UseHttps(o.CertificatePath, o.CertificatePassword);
        }
    }
}
