using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Governance.Testing.Auth;
using Grpc.Reflection.V1Alpha;

namespace Governance.EndToEnd.Tests;

/// <summary>The standalone host's gRPC port as grpcurl sees it: reflection lists its services for a caller with a token.</summary>
public sealed class StandaloneGrpcTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private const string Info = "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";

    [Fact]
    public async Task Reflection_lists_the_services_for_an_authenticated_caller_and_refuses_an_anonymous_one()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await StandaloneProcess.StartAsync(
            [.. issuer.Settings().Select(s => $"--{s.Key}={s.Value}")]);
        await host.WaitUntilUpAsync(StartTimeout);
        using var h2 = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.GrpcPort}") };
        var listServices = new ServerReflectionRequest { ListServices = "" };

        var (status, replies) = await CallAsync(h2, issuer.Token(), listServices);
        var (anonymousStatus, anonymousReplies) = await CallAsync(h2, null, listServices);

        Assert.Equal("0", status);
        var reply = ServerReflectionResponse.Parser.ParseFrom(Assert.Single(replies));
        var services = reply.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("grpc.reflection.v1alpha.ServerReflection", services);
        Assert.Contains("governance.identity.v1.IdentityService", services);
        Assert.Equal("16", anonymousStatus); // UNAUTHENTICATED
        Assert.Empty(anonymousReplies);
    }

    /// <summary>One framed request, half-closed; the replies and the grpc-status (trailers, or headers when trailers-only).</summary>
    private static async Task<(string? Status, List<byte[]> Replies)> CallAsync(HttpClient http, string? token, IMessage request)
    {
        var payload = request.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        using var message = new HttpRequestMessage(HttpMethod.Post, Info)
        {
            Content = new ByteArrayContent(frame),
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact, // cleartext HTTP/2 with prior knowledge
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        message.Headers.TryAddWithoutValidation("te", "trailers");
        if (token is not null) message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await http.SendAsync(message, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        var replies = new List<byte[]>();
        for (var at = 0; at + 5 <= body.Length; at += 5 + (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at + 1)))
            replies.Add(body.AsSpan(at + 5, (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(at + 1))).ToArray());
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var t) ? t.First()
            : response.Headers.TryGetValues("grpc-status", out var h) ? h.First() : null;
        return (status, replies);
    }
}
