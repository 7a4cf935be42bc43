using Governance.Grpc.Status;
using Microsoft.AspNetCore.Http;

namespace Governance.Grpc.Server;

/// <summary>Ends a call with its status: in the trailers after messages, or as a trailers-only answer before any.</summary>
internal static class StatusWriter
{
    public static async Task WriteAsync(HttpContext http, StatusCode code, string? message, Metadata? trailers = null)
    {
        var response = http.Response;
        if (!response.HasStarted)
        {
            // Trailers-only: one HEADERS frame with END_STREAM carrying the status (PROTOCOL-HTTP2.md).
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = GrpcProtocol.ContentType;
            Set(response.Headers, code, message, trailers);
            await response.CompleteAsync();
            return;
        }
        if (!response.SupportsTrailers()) return; // only HTTP/1.1 lacks them, and HTTP/1.1 is refused before any message
        var headers = new HeaderDictionary();
        Set(headers, code, message, trailers);
        foreach (var (key, value) in headers) response.AppendTrailer(key, value);
    }

    /// <summary>Adds <paramref name="metadata"/> to <paramref name="headers"/>, base64-encoding <c>-bin</c> values.</summary>
    public static void AddMetadata(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            var value = entry.ValueBytes is { } bytes ? Convert.ToBase64String(bytes) : entry.Value;
            headers.Append(entry.Key, value);
        }
    }

    private static void Set(IHeaderDictionary headers, StatusCode code, string? message, Metadata? trailers)
    {
        headers[GrpcProtocol.Status] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(message)) headers[GrpcProtocol.Message] = StatusMessage.Encode(message);
        if (trailers is not null) AddMetadata(headers, trailers);
    }
}
