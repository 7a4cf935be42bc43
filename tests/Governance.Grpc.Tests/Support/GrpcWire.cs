using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace Governance.Grpc.Tests.Support;

/// <summary>
/// What a gRPC call answered, read off the wire: HTTP status, messages (as sent: a compressed one stays compressed,
/// its flag in <see cref="Compressed"/>), and the status from trailers (or trailers-only headers).
/// </summary>
public sealed record GrpcAnswer(HttpStatusCode Http, HttpResponseHeaders Headers, HttpResponseHeaders Trailers, List<byte[]> Messages, string? ContentType,
    List<bool> Compressed)
{
    public int? Status => Header("grpc-status") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;
    public string? RawMessage => Header("grpc-message");
    public string? Message => RawMessage is { } m ? Uri.UnescapeDataString(m) : null;

    public string? Header(string name) =>
        Trailers.TryGetValues(name, out var t) ? t.First() : Headers.TryGetValues(name, out var h) ? h.First() : null;

    public T Single<T>(MessageParser<T> parser) where T : IMessage<T> => parser.ParseFrom(Assert.Single(Messages));
}

/// <summary>A hand-rolled gRPC client on HttpClient (HTTP/2 prior knowledge), so tests can also send what no real client would.</summary>
public static class GrpcWire
{
    public static HttpClient Client(Uri baseAddress, Version? version = null) => new()
    {
        BaseAddress = baseAddress,
        DefaultRequestVersion = version ?? HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        Timeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>A length-prefixed frame; <paramref name="declaredLength"/> lets a test lie about the length.</summary>
    public static byte[] Frame(byte[] payload, bool compressed = false, uint? declaredLength = null)
    {
        var frame = new byte[5 + payload.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), declaredLength ?? (uint)payload.Length);
        payload.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] Frame(IMessage message) => Frame(message.ToByteArray());

    public static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }

    public static async Task<GrpcAnswer> CallAsync(
        HttpClient http, string path, byte[] body, string? token,
        Action<HttpRequestMessage>? edit = null, string contentType = "application/grpc")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new ByteArrayContent(body),
            Version = http.DefaultRequestVersion,
            VersionPolicy = http.DefaultVersionPolicy,
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        edit?.Invoke(request);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "application/grpc")
            throw new InvalidOperationException($"HTTP {(int)response.StatusCode} {response.Content.Headers.ContentType}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        var messages = new List<byte[]>();
        var compressed = new List<bool>();
        for (var at = 0; at + 5 <= bytes.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at + 1));
            compressed.Add(bytes[at] == 1);
            messages.Add(bytes.AsSpan(at + 5, length).ToArray());
            at += 5 + length;
        }
        return new GrpcAnswer(response.StatusCode, response.Headers, response.TrailingHeaders, messages,
            response.Content.Headers.ContentType?.MediaType, compressed);
    }
}
