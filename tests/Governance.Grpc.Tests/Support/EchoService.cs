using Governance.Grpc.Server;
using Governance.Grpc.Status;
using Governance.Grpc.Tests.Echo;
using Governance.ServiceDefaults.Problems;

namespace Governance.Grpc.Tests.Support;

/// <summary>Seen by the tests: whether a handler's token fired.</summary>
public sealed class CallProbe
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource<bool>> _cancelled = new();

    /// <summary>Completes when the handler of the call whose request text is <paramref name="text"/> sees its token fire.</summary>
    public TaskCompletionSource<bool> Cancelled(string text) =>
        _cancelled.GetOrAdd(text, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>The handler side of echo.proto; the request says how to behave.</summary>
public sealed class EchoService(CallProbe probe)
{
    public const string Secret = "connection string Password=hunter2";

    public async Task<SayReply> Say(SayRequest request, ServerCallContext context)
    {
        if (request.DelayMs > 0)
        {
            try { await Task.Delay(request.DelayMs, context.CancellationToken); }
            catch (OperationCanceledException) { probe.Cancelled(request.Text).TrySetResult(true); throw; }
        }
        switch (request.Mode)
        {
            case "rpc":
                context.ResponseHeaders.Add("x-failed-at", "handler");
                throw new RpcException((StatusCode)request.Code, request.Text);
            case "domain": throw new DomainException(Enum.Parse<DomainErrorKind>(request.Text), "refused: " + request.Text);
            case "crash": throw new InvalidOperationException(Secret);
        }
        // Metadata round trip: text and binary values come back, one in the headers, one in the trailers.
        if (context.RequestHeaders.GetValue("x-echo") is { } echo) context.ResponseHeaders.Add("x-echo-back", echo);
        if (context.RequestHeaders.GetValueBytes("x-trace-bin") is { } trace) context.ResponseTrailers.Add("x-trace-back-bin", trace.Reverse().ToArray());
        return new SayReply { Text = request.Text, Caller = context.User.FindFirst("sub")?.Value ?? "" };
    }

    public async Task Count(CountRequest request, IServerStreamWriter<CountReply> writer, ServerCallContext context)
    {
        for (var i = 1; i <= request.UpTo; i++)
        {
            if (request.FailAfter > 0 && i > request.FailAfter) throw new RpcException(StatusCode.Aborted, "stopped after " + request.FailAfter);
            await writer.WriteAsync(new CountReply { Number = i });
        }
    }
}
