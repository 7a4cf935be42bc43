using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;

namespace Governance.Grpc.Tests.Fuzz;

/// <summary>
/// Mutated frames and headers from a fixed seed, over real HTTP/2: whatever arrives, the server answers
/// with a valid gRPC answer (or the documented 415) and keeps serving. A failure prints the case number,
/// which replays with the same seed.
/// </summary>
public sealed class FrameFuzzTests(GrpcHost host) : IClassFixture<GrpcHost>
{
    private const int Seed = 20_261_123;
    private const int Cases = 10_000;
    private const string Say = "/governance.testing.v1.Echo/Say";
    private const string Count = "/governance.testing.v1.Echo/Count";

    private static readonly (string Path, byte[] Payload)[] Seeds =
    [
        (Say, new SayRequest { Text = "hello" }.ToByteArray()),
        (Say, new SayRequest { Text = "ünïcødé ✓", DelayMs = 3 }.ToByteArray()),
        (Say, new SayRequest { Mode = "rpc", Code = 5, Text = "gone" }.ToByteArray()),
        (Say, new SayRequest { Mode = "domain", Text = "NotFound" }.ToByteArray()),
        (Say, new SayRequest { Mode = "crash" }.ToByteArray()),
        (Count, new CountRequest { UpTo = 3 }.ToByteArray()),
        (Count, new CountRequest { UpTo = 5, FailAfter = 2 }.ToByteArray()),
        ("/governance.testing.v1.Echo/Nope", []),
    ];

    // Valid ones are short, so a mutation that turns into a long delay or count still ends quickly.
    private static readonly string[] Timeouts = ["1S", "500m", "2000000u", "1n", "0S", "", "x", "-1S", "123456789S", "1.5S", "1 S", "99999999H"];
    private static readonly string?[] Encodings = [null, null, "identity", "gzip", "GZIP", "snappy", "deflate", "", "gzip, identity", "x-gzip", "gzip\t"];
    private static readonly string[] ContentTypes = ["application/grpc", "application/grpc", "application/grpc+proto", "application/grpc+json", "application/json", "text/plain", "application/grpcx"];

    [Fact]
    public async Task Ten_thousand_mutated_calls_each_get_a_valid_gRPC_answer_and_the_server_keeps_serving()
    {
        var random = new Random(Seed);
        // Generated up front, in order, so a case's content depends only on the seed and its number.
        var cases = Enumerable.Range(0, Cases).Select(i => Mutate(random, i)).ToList();
        var token = host.Token();
        using var http = GrpcWire.Client(host.Grpc);
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();

        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = TestContext.Current.CancellationToken },
            async (c, ct) =>
            {
                var problem = await SendAsync(http, c, token, ct);
                if (problem is not null) failures.Enqueue($"case {c.Number} ({c.Description}): {problem}");
            });

        Assert.True(failures.IsEmpty, $"{failures.Count} invalid answers:\n" + string.Join("\n", failures.Take(20)));
        var good = await GrpcWire.CallAsync(http, Say, GrpcWire.Frame(new SayRequest { Text = "still here" }), token);
        Assert.Equal(0, good.Status);
        Assert.Equal("still here", good.Single(SayReply.Parser).Text);
    }

    private sealed record Case(int Number, string Path, byte[] Body, string ContentType, string? Encoding, string Timeout, bool Anonymous, string Description);

    private static Case Mutate(Random random, int number)
    {
        var (path, payload) = Seeds[random.Next(Seeds.Length)];
        var compressed = false;
        var encoding = random.Next(4) == 0 ? Encodings[random.Next(Encodings.Length)] : null;
        if (random.Next(6) == 0) { payload = GrpcWire.Gzip(payload); compressed = true; encoding ??= random.Next(2) == 0 ? "gzip" : null; }
        var body = GrpcWire.Frame(payload, compressed);
        var what = new List<string> { path.Split('/')[^1] };
        switch (random.Next(8))
        {
            case 0: // flip bytes anywhere, prefix included
                for (var n = random.Next(1, 5); n > 0 && body.Length > 0; n--) body[random.Next(body.Length)] ^= (byte)random.Next(1, 256);
                what.Add("flipped");
                break;
            case 1:
                body = body[..random.Next(body.Length + 1)];
                what.Add("truncated");
                break;
            case 2:
                BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(1), random.Next(3) switch
                {
                    0 => (uint)random.Next(0, payload.Length + 8),
                    1 => (uint)random.Next(),
                    _ => uint.MaxValue - (uint)random.Next(16),
                });
                what.Add("wrong length");
                break;
            case 3:
                body[0] = (byte)random.Next(256);
                what.Add("flag " + body[0]);
                break;
            case 4:
                body = new byte[random.Next(0, 256)];
                random.NextBytes(body);
                what.Add("garbage");
                break;
            case 5:
                body = [.. body, .. body.AsSpan(0, random.Next(body.Length + 1))];
                what.Add("frame and a half");
                break;
            default:
                what.Add("intact");
                break;
        }
        var timeout = random.Next(3) == 0 ? Timeouts[random.Next(Timeouts.Length)] : "1S";
        var contentType = random.Next(8) == 0 ? ContentTypes[random.Next(ContentTypes.Length)] : "application/grpc";
        var anonymous = random.Next(50) == 0;
        what.Add($"encoding={encoding ?? "none"} timeout='{timeout}' type={contentType}{(anonymous ? " anonymous" : "")}");
        return new Case(number, path, body, contentType, encoding, timeout, anonymous, string.Join(", ", what));
    }

    /// <summary>Null when the answer is a valid gRPC answer, else what is wrong with it.</summary>
    private static async Task<string?> SendAsync(HttpClient http, Case c, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, c.Path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(c.Body),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", c.ContentType);
        request.Headers.TryAddWithoutValidation("te", "trailers");
        if (c.Encoding is not null) request.Headers.TryAddWithoutValidation("grpc-encoding", c.Encoding);
        if (c.Timeout.Length > 0) request.Headers.TryAddWithoutValidation("grpc-timeout", c.Timeout);
        if (!c.Anonymous) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            if (response.StatusCode == HttpStatusCode.UnsupportedMediaType)
                return IsGrpc(c.ContentType) ? "415 for a gRPC content type" : null;
            // Not a gRPC request, so REST's answers: 401 for an anonymous caller, 404 for a path no rpc serves.
            if (response.StatusCode == HttpStatusCode.Unauthorized && c.Anonymous && !IsGrpc(c.ContentType)) return null;
            if (response.StatusCode == HttpStatusCode.NotFound && c.Path.EndsWith("/Nope", StringComparison.Ordinal) && !IsGrpc(c.ContentType)) return null;
            if (response.StatusCode != HttpStatusCode.OK) return $"HTTP {(int)response.StatusCode}";
            if (response.Content.Headers.ContentType?.MediaType?.StartsWith("application/grpc", StringComparison.Ordinal) != true)
                return $"content type {response.Content.Headers.ContentType}";
            var status = response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.First()
                : response.Headers.TryGetValues("grpc-status", out var h) ? h.First() : null;
            if (status is null) return "no grpc-status";
            if (!int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) || code > 16)
                return $"grpc-status '{status}'";
            return FramesOf(body);
        }
        catch (HttpRequestException ex)
        {
            return "no answer: " + ex.Message;
        }
    }

    private static bool IsGrpc(string contentType) =>
        contentType == "application/grpc" || contentType.StartsWith("application/grpc+", StringComparison.Ordinal);

    /// <summary>The reply body must itself be whole frames.</summary>
    private static string? FramesOf(byte[] body)
    {
        var at = 0;
        while (at < body.Length)
        {
            if (body.Length - at < 5 || body[at] > 1) return "reply body is not whole frames";
            at += 5 + (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at + 1));
        }
        return at == body.Length ? null : "reply body ends inside a frame";
    }
}
