using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Governance.Grpc.Server;

/// <summary>What a handler knows about its call, and the headers and trailers it may add to the answer.</summary>
public sealed class ServerCallContext
{
    internal ServerCallContext(HttpContext httpContext, string method, DateTime deadline, CancellationToken cancellationToken)
    {
        HttpContext = httpContext;
        Method = method;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>The full method name, e.g. <c>/governance.testing.v1.Echo/Say</c>.</summary>
    public string Method { get; }

    /// <summary>When the caller stops waiting (UTC); <see cref="DateTime.MaxValue"/> when it sent no <c>grpc-timeout</c>.</summary>
    public DateTime Deadline { get; }

    /// <summary>Fires when the caller cancels (or goes away) and when the deadline passes.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>The caller's metadata: text headers as sent, <c>-bin</c> headers base64-decoded.</summary>
    public Metadata RequestHeaders =>
        _requestHeaders ?? Interlocked.CompareExchange(ref _requestHeaders, RequestMetadata.Read(HttpContext.Request.Headers), null) ?? _requestHeaders;

    /// <summary>Metadata sent with the response headers; changes after the first message is sent are lost.</summary>
    public Metadata ResponseHeaders => _responseHeaders ??= new();

    /// <summary>Metadata sent with the status, in the trailers.</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new();

    // Created on first use: most handlers read no metadata and add none, and these would be made per call.
    private Metadata? _requestHeaders;
    private Metadata? _responseHeaders;
    private Metadata? _responseTrailers;

    internal bool HasResponseHeaders => _responseHeaders is { Count: > 0 };
    internal bool HasResponseTrailers => _responseTrailers is { Count: > 0 };

    /// <summary>The underlying HTTP/2 request.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>The authenticated caller; see <c>Governance.ServiceDefaults.Auth.Caller.From</c>.</summary>
    public ClaimsPrincipal User => HttpContext.User;
}
