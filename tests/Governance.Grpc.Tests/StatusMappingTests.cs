using Governance.Grpc.Server;
using Governance.Grpc.Tests.Echo;
using Governance.Grpc.Tests.Support;
using Grpc.Core;
using static Governance.Grpc.Tests.Support.EchoChannel;

namespace Governance.Grpc.Tests;

/// <summary>DomainStatusInterceptor, as every service's caller sees it.</summary>
public sealed class StatusMappingTests(GrpcHost host) : IClassFixture<GrpcHost>
{
    [Theory]
    [InlineData("Invalid", StatusCode.InvalidArgument, "refused: Invalid")]
    [InlineData("NotFound", StatusCode.NotFound, "refused: NotFound")]
    // In Chinese by default: this project's messages.zh-CN.json has this one.
    [InlineData("Duplicate", StatusCode.AlreadyExists, "已存在：Duplicate")]
    [InlineData("RuleViolated", StatusCode.FailedPrecondition, "EchoNeedsSilence: refused: RuleViolated")]
    [InlineData("Forbidden", StatusCode.PermissionDenied, "refused: Forbidden")]
    public async Task A_domain_refusal_ends_the_call_with_its_status_and_the_rule_in_front(string kind, StatusCode code, string message)
    {
        using var echo = new EchoChannel(host.Grpc);
        var status = await StatusOfAsync(() => echo.Client.SayAsync(new SayRequest { Mode = "domain", Text = kind }, As(host.Token())).ResponseAsync);
        Assert.Equal((code, message), (status.StatusCode, status.Detail));
    }

    [Fact]
    public async Task A_caller_asking_for_English_with_accept_language_metadata_reads_English()
    {
        using var echo = new EchoChannel(host.Grpc);
        var status = await StatusOfAsync(() => echo.Client.SayAsync(new SayRequest { Mode = "domain", Text = "Duplicate" },
            As(host.Token(), new Metadata { { "accept-language", "en-US,en;q=0.9" } })).ResponseAsync);
        Assert.Equal((StatusCode.AlreadyExists, "refused: Duplicate"), (status.StatusCode, status.Detail));
    }

    [Fact]
    public async Task An_RpcException_goes_out_as_thrown_an_undefined_code_as_UNKNOWN_and_a_crash_as_INTERNAL_without_its_detail()
    {
        using var echo = new EchoChannel(host.Grpc);
        var thrown = await StatusOfAsync(() => echo.Client.SayAsync(new SayRequest { Mode = "rpc", Code = 10, Text = "网格 100% ✓" }, As(host.Token())).ResponseAsync);
        Assert.Equal((StatusCode.Aborted, "网格 100% ✓"), (thrown.StatusCode, thrown.Detail));

        var undefined = await StatusOfAsync(() => echo.Client.SayAsync(new SayRequest { Mode = "rpc", Code = 38, Text = "x" }, As(host.Token())).ResponseAsync);
        Assert.Equal((StatusCode.Unknown, "The handler ended the call with undefined status code 38."), (undefined.StatusCode, undefined.Detail));

        var crash = await StatusOfAsync(() => echo.Client.SayAsync(new SayRequest { Mode = "crash" }, As(host.Token())).ResponseAsync);
        Assert.Equal((StatusCode.Internal, DomainStatusInterceptor.InternalMessage), (crash.StatusCode, crash.Detail));
        Assert.DoesNotContain("hunter2", crash.Detail);
    }

    [Fact]
    public async Task A_stream_that_breaks_a_rule_ends_after_its_messages_with_the_rule_named()
    {
        using var echo = new EchoChannel(host.Grpc);
        using var call = echo.Client.Count(new CountRequest { UpTo = 5, FailAfter = 2 }, As(host.Token()));
        var numbers = new List<int>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var reply in call.ResponseStream.ReadAllAsync(TestContext.Current.CancellationToken)) numbers.Add(reply.Number);
        });
        Assert.Equal([1, 2], numbers);
        Assert.Equal((StatusCode.FailedPrecondition, "EchoNeedsSilence: stopped after 2"), (error.StatusCode, error.Status.Detail));
    }
}
