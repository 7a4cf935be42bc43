using Microsoft.AspNetCore.Http;

namespace Governance.Grpc.Server;

/// <summary>The header names and checks of PROTOCOL-HTTP2.md this server uses.</summary>
internal static class GrpcProtocol
{
    public const string ContentType = "application/grpc";
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";
    public const string Timeout = "grpc-timeout";
    public const string Encoding = "grpc-encoding";
    public const string AcceptEncoding = "grpc-accept-encoding";

    /// <summary><c>application/grpc</c>, <c>application/grpc+proto</c>, <c>application/grpc;…</c>: any other type is not gRPC.</summary>
    public static bool IsGrpcContentType(string? contentType) =>
        contentType is not null
        && contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase)
        && (contentType.Length == ContentType.Length || contentType[ContentType.Length] is '+' or ';');

    /// <summary>A gRPC call this server can answer with a gRPC status: HTTP/2 and a gRPC content type.</summary>
    public static bool IsGrpcCall(HttpContext http) =>
        HttpProtocol.IsHttp2(http.Request.Protocol) && IsGrpcContentType(http.Request.ContentType);

    /// <summary>Headers that are part of the protocol, not the caller's metadata.</summary>
    public static bool IsReserved(string key) =>
        key.StartsWith(':') || key is "content-type" or "te" or "host" or Timeout or Encoding or AcceptEncoding;
}
