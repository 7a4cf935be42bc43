using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.ClientFactory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grpc.Client;

/// <summary>
/// Service-to-service gRPC through a Dapr sidecar, when the deployment runs one (the charts' <c>dapr.enabled</c> sets
/// <c>Dapr:Enabled</c>): the client calls its own sidecar on loopback at <c>DAPR_GRPC_PORT</c> (which the sidecar
/// injector sets; 50001 otherwise) with the metadata <c>dapr-app-id</c> naming the target app, and Dapr finds the
/// target, with mutual TLS, retries and traces between the sidecars. This is Dapr's documented gRPC proxying: the
/// generated clients and the services stay as they are, and with Dapr off nothing changes.
/// </summary>
public static class DaprSidecar
{
    /// <summary>The metadata key Dapr's gRPC proxy routes by.</summary>
    public const string AppIdHeader = "dapr-app-id";

    /// <summary>
    /// Routes <paramref name="client"/> through the sidecar to <paramref name="appId"/> (overridable as <c>Dapr:AppIds:&lt;appId&gt;</c>)
    /// when <c>Dapr:Enabled</c> is true in <paramref name="configuration"/>; otherwise leaves it calling its address directly.
    /// </summary>
    public static IHttpClientBuilder ThroughDaprSidecarWhenEnabled(this IHttpClientBuilder client, IConfiguration configuration, string appId)
    {
        if (!configuration.GetValue<bool>("Dapr:Enabled")) return client;
        var port = configuration.GetValue<int?>("DAPR_GRPC_PORT") ?? 50001;
        var target = configuration[$"Dapr:AppIds:{appId}"] ?? appId;
        client.Services.Configure<GrpcClientFactoryOptions>(client.Name, o => o.Address = new Uri($"http://127.0.0.1:{port}"));
        return client.AddInterceptor(() => new AppIdInterceptor(target));
    }

    private sealed class AppIdInterceptor(string appId) : Interceptor
    {
        public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
            AsyncUnaryCallContinuation<TRequest, TResponse> continuation) => continuation(request, WithAppId(context));

        public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request,
            ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
            continuation(request, WithAppId(context));

        public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
            ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
            continuation(WithAppId(context));

        public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
            ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
            continuation(WithAppId(context));

        private ClientInterceptorContext<TRequest, TResponse> WithAppId<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context)
            where TRequest : class where TResponse : class
        {
            // A copy: the caller's Metadata may be reused for its next call.
            var headers = new Metadata();
            foreach (var entry in context.Options.Headers ?? []) headers.Add(entry);
            if (headers.Get(AppIdHeader) is null) headers.Add(AppIdHeader, appId);
            return new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, context.Options.WithHeaders(headers));
        }
    }
}
