using System.Collections.Concurrent;
using Governance.Grpc.Tests.Echo;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;

namespace Governance.Grpc.Tests.Support;

/// <summary>Seen by the tests: whether a handler's token fired, and how many times a call arrived.</summary>
public sealed class CallProbe
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _cancelled = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    /// <summary>Completes when the handler of the call whose request text is <paramref name="text"/> sees its token fire.</summary>
    public TaskCompletionSource<bool> Cancelled(string text) =>
        _cancelled.GetOrAdd(text, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>How many calls with request text <paramref name="text"/> reached a handler.</summary>
    public int Attempts(string text) => _attempts.GetValueOrDefault(text);

    internal void Arrived(string text) => _attempts.AddOrUpdate(text, 1, (_, n) => n + 1);
}

/// <summary>echo.proto on the generated base; the request says how to behave.</summary>
public sealed class EchoService(CallProbe probe) : Echo.Echo.EchoBase
{
    public const string Secret = "connection string Password=hunter2";
    public const string Rule = "EchoNeedsSilence";

    public override Task<SayReply> Read(SayRequest request, ServerCallContext context) => Say(request, context);

    public override async Task<SayReply> Say(SayRequest request, ServerCallContext context)
    {
        probe.Arrived(request.Text);
        if (request.DelayMs > 0)
        {
            try { await Task.Delay(request.DelayMs, context.CancellationToken); }
            catch (OperationCanceledException) { probe.Cancelled(request.Text).TrySetResult(true); throw; }
        }
        switch (request.Mode)
        {
            case "rpc": throw new RpcException(new Status((StatusCode)request.Code, request.Text));
            case "domain":
                var kind = Enum.Parse<DomainErrorKind>(request.Text);
                throw new DomainException(kind, "refused: " + request.Text, rule: kind == DomainErrorKind.RuleViolated ? Rule : null);
            case "crash": throw new InvalidOperationException(Secret);
            case "header": return new SayReply { Text = context.RequestHeaders.GetValue(request.Text) ?? "" };
        }
        return new SayReply { Text = request.Text, Caller = context.GetHttpContext().User.FindFirst("sub")?.Value ?? "" };
    }

    public override async Task Count(CountRequest request, IServerStreamWriter<CountReply> responseStream, ServerCallContext context)
    {
        for (var i = 1; i <= request.UpTo; i++)
        {
            if (request.FailAfter > 0 && i > request.FailAfter)
                throw DomainException.RuleViolated(Rule, "stopped after " + request.FailAfter);
            if (request.IntervalMs > 0) await Task.Delay(request.IntervalMs, context.CancellationToken);
            await responseStream.WriteAsync(new CountReply { Number = i });
        }
    }
}
