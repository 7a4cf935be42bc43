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
        // Appended one by one, as a HeaderDictionary filled by Set would be: repeated keys keep every value, in order.
        response.AppendTrailer(GrpcProtocol.Status, Code(code));
        if (!string.IsNullOrEmpty(message)) response.AppendTrailer(GrpcProtocol.Message, StatusMessage.Encode(message));
        if (trailers is null) return;
        foreach (var entry in trailers) response.AppendTrailer(entry.Key, Value(entry));
    }

    /// <summary>Adds <paramref name="metadata"/> to <paramref name="headers"/>, base64-encoding <c>-bin</c> values.</summary>
    public static void AddMetadata(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata) headers.Append(entry.Key, Value(entry));
    }

    private static string? Value(Metadata.Entry entry) => entry.ValueBytes is { } bytes ? Convert.ToBase64String(bytes) : entry.Value;

    private static string Code(StatusCode code) => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void Set(IHeaderDictionary headers, StatusCode code, string? message, Metadata? trailers)
    {
        headers[GrpcProtocol.Status] = Code(code);
        if (!string.IsNullOrEmpty(message)) headers[GrpcProtocol.Message] = StatusMessage.Encode(message);
        if (trailers is not null) AddMetadata(headers, trailers);
    }
}
