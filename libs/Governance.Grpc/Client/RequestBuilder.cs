using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Governance.Grpc.Framing;

namespace Governance.Grpc.Client;

/// <summary>The HTTP/2 request of one attempt (PROTOCOL-HTTP2.md): path, protocol headers, metadata, one framed message.</summary>
internal sealed class RequestBuilder(Uri address)
{
    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");

    public HttpRequestMessage Build(MethodDescriptor method, IMessage message, CallOptions options, DateTime deadline, bool compress, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, $"/{method.Service.FullName}/{method.Name}"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(Frame(message.ToByteArray(), compress)),
        };
        request.Content.Headers.ContentType = GrpcContentType;
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("grpc-timeout", Timeout(deadline - DateTime.UtcNow));
        headers.TryAddWithoutValidation("grpc-accept-encoding", MessageEncodings.Accepted);
        if (compress) headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        if (authorization is not null) headers.TryAddWithoutValidation("authorization", authorization);
        foreach (var entry in options.Headers ?? [])
            headers.TryAddWithoutValidation(entry.Key, entry.ValueBytes is { } bytes ? Convert.ToBase64String(bytes) : entry.Value);
        return request;
    }

    /// <summary>The <c>grpc-timeout</c> value: milliseconds, rounded up, or seconds when that needs more than 8 digits.</summary>
    internal static string Timeout(TimeSpan remaining)
    {
        var ms = Math.Max(1, (long)Math.Ceiling(remaining.TotalMilliseconds));
        if (ms <= 99_999_999) return ms.ToString(CultureInfo.InvariantCulture) + "m";
        return Math.Min(99_999_999, (long)Math.Ceiling(remaining.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "S";
    }

    private static byte[] Frame(byte[] payload, bool compress)
    {
        if (compress)
        {
            using var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(payload);
            payload = output.ToArray();
        }
        var frame = new byte[5 + payload.Length];
        frame[0] = compress ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }
}
