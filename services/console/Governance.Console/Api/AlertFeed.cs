using Governance.Console.Auth;
using Governance.Contracts.VideoAlert.V1;
using Governance.Grpc.Client;
using Governance.ServiceDefaults.Auth;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Governance.Console.Api;

/// <summary>Where a page's live alert feed stands, for its status line.</summary>
public enum AlertFeedState { Connecting, Live, Reconnecting, Ended }

/// <summary>What a page does with its feed: an alert as it is now and what happened to it; the list read again; the feed's state.</summary>
/// <param name="Changed">An alert video-alert streamed (raised, routed, acknowledged), as it was then.</param>
/// <param name="CaughtUp">The stream is open (again): read the REST list once, so that nothing raised while it was closed is lost.</param>
/// <param name="StateChanged">The feed connects, is live, reconnects, or has ended (the session is over).</param>
public sealed record AlertFeedHandlers(Func<VideoAlert, string, Task> Changed, Func<Task> CaughtUp, Func<AlertFeedState, Task> StateChanged);

/// <summary>
/// Video-alert's <c>WatchAlerts</c> stream for one open page (the alerts page, the dashboard's new alerts), called from
/// the console's server with the signed-in user's access token (never the browser's), so video-alert decides what the user
/// sees: the page watches each subtree the user's <c>alert.read</c> posts reach (usually one), and video-alert refuses an
/// org outside them. Only with <c>Console:VideoAlertGrpcAddress</c>; without it the pages poll the REST list.
/// </summary>
/// <remarks>
/// The stream cannot resume from a point (video-alert's README): whenever it is open again, after the first open too, the
/// page reads the REST list once. It is opened with the session's current token and a deadline at that token's expiry
/// (video-alert ends a stream when its token expires), then opened again at once with the refreshed token; a failure
/// (video-alert restarting, a refusal, a watcher that fell behind) is retried after 0.5 s, doubling to 30 s.
/// </remarks>
public sealed partial class AlertFeed(IServiceProvider services, SessionTokens tokens, AuthenticationStateProvider authentication, ConsoleUser console,
    RolePermissions permissions, ConsoleLanguage language, TimeProvider time, ILogger<AlertFeed> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(500), LastRetry = TimeSpan.FromSeconds(30);

    /// <summary>Registers video-alert's typed client on grpc-dotnet's client factory when its address is configured.</summary>
    public static void AddClient(WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AlertFeed>();
        if (builder.Configuration[$"{ConsoleOptions.Section}:{nameof(ConsoleOptions.VideoAlertGrpcAddress)}"] is { Length: > 0 } address
            && Uri.TryCreate(address, UriKind.Absolute, out var uri)) // a bad address is refused by the options' validation at start
            builder.Services.AddGovernanceGrpcClient<VideoAlertService.VideoAlertServiceClient>(VideoAlertService.Descriptor, uri);
    }

    /// <summary>True when video-alert's gRPC address is configured: the pages watch instead of polling.</summary>
    public bool Enabled => services.GetService<VideoAlertService.VideoAlertServiceClient>() is not null;

    /// <summary>Starts the page's watch; disposing the answer (with the page) ends it.</summary>
    public IAsyncDisposable Start(AlertFeedHandlers handlers)
    {
        var client = services.GetRequiredService<VideoAlertService.VideoAlertServiceClient>();
        var stop = new CancellationTokenSource();
        var running = Task.Run(() => RunAsync(client, handlers, stop.Token));
        return new Watch(stop, running);
    }

    private async Task RunAsync(VideoAlertService.VideoAlertServiceClient client, AlertFeedHandlers handlers, CancellationToken ct)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        // The subtrees the user's alert.read posts reach, each once (one nested in another is covered by it): video-alert
        // checks each against the token again and refuses one outside it.
        var roots = Caller.Subtrees((await permissions.PostsCarryingAsync(console.Caller(user), "alert.read", ct)).Select(p => p.Org));
        if (roots.Count == 0)
        {
            await handlers.StateChanged(AlertFeedState.Ended);
            return;
        }
        var failures = 0;
        while (!ct.IsCancellationRequested)
        {
            var token = await tokens.AccessTokenAsync(user, ct);
            if (token is null)
            {
                await handlers.StateChanged(AlertFeedState.Ended); // the session is over: the page's next read says so in words
                return;
            }
            var live = false;
            var tokenEnded = false;
            var opened = 0L;
            using var streams = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var options = new CallOptions(
                headers: new Metadata { { "authorization", "Bearer " + token }, { "accept-language", language.AcceptLanguage } },
                deadline: ExpiryOf(token), cancellationToken: streams.Token);
            var calls = roots.Select(root => client.WatchAlerts(new WatchAlertsRequest { OrgPath = root.Value }, options)).ToList();
            try
            {
                // Video-alert answers the headers once the watch is subscribed: from then on nothing is missed, so the list
                // read now catches up with whatever came while no stream was open.
                foreach (var call in calls) await SubscribedAsync(call);
                live = true;
                opened = time.GetTimestamp();
                await handlers.CaughtUp();
                await handlers.StateChanged(AlertFeedState.Live); // after the catch-up: live means up to date
                var pumps = calls.Select(c => PumpAsync(c, handlers, streams.Token)).ToList();
                var ended = await Task.WhenAny(pumps);
                await streams.CancelAsync();
                _ = Task.WhenAll(pumps).ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted); // the others end cancelled
                await ended; // its error, if any; otherwise video-alert closed the stream (shutting down): open it again
                failures = Lasted(opened) ? 1 : failures + 1;
            }
            catch (Exception) when (ct.IsCancellationRequested)
            {
                return; // the page is gone (grpc-dotnet reports its own cancellation as CANCELLED)
            }
            catch (RpcException e) when (live && e.StatusCode is StatusCode.Unauthenticated or StatusCode.DeadlineExceeded && Lasted(opened))
            {
                tokenEnded = true; // the token it was opened with expired: open it again at once with the refreshed one
                failures = 0;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // A stream that served a while starts the backoff again; one refused at once (a refusal can come after the
                // headers) keeps doubling it, so a page that is refused does not hammer video-alert or re-read the list.
                failures = live && Lasted(opened) ? 1 : failures + 1;
                LogStreamFailed(logger, failures, e is RpcException r ? r.StatusCode.ToString() : e.GetType().Name, e.Message);
            }
            finally
            {
                await streams.CancelAsync();
                foreach (var call in calls) call.Dispose();
            }
            if (ct.IsCancellationRequested) return;
            await handlers.StateChanged(AlertFeedState.Reconnecting);
            if (!tokenEnded)
            {
                // Backoff with jitter, so that pages do not all come back at once after video-alert restarts.
                var wait = TimeSpan.FromMilliseconds(Math.Min(LastRetry.TotalMilliseconds, FirstRetry.TotalMilliseconds * Math.Pow(2, Math.Max(0, failures - 1))));
                await Task.Delay(wait * (0.8 + 0.4 * Random.Shared.NextDouble()), time, ct);
            }
        }
    }

    /// <summary>
    /// Waits until video-alert says the watch is subscribed (its headers carry <c>watch-subscribed</c>); headers without it
    /// belong to a refusal, which reading the stream throws (PERMISSION_DENIED, UNAUTHENTICATED).
    /// </summary>
    private static async Task SubscribedAsync(AsyncServerStreamingCall<AlertUpdate> call)
    {
        if ((await call.ResponseHeadersAsync).GetValue("watch-subscribed") == "true") return;
        await call.ResponseStream.MoveNext(CancellationToken.None); // throws the refusal
        throw new RpcException(new Status(StatusCode.Unknown, "video-alert's watch answered without saying it is subscribed"));
    }

    /// <summary>True when a stream opened at <paramref name="opened"/> served longer than the longest wait between attempts.</summary>
    private bool Lasted(long opened) => time.GetElapsedTime(opened) >= LastRetry;

    private static async Task PumpAsync(AsyncServerStreamingCall<AlertUpdate> call, AlertFeedHandlers handlers, CancellationToken ct)
    {
        await foreach (var update in call.ResponseStream.ReadAllAsync(ct))
            await handlers.Changed(View(update.Alert), update.Change);
    }

    /// <summary>The stream's deadline: the token's expiry, after which video-alert would end it anyway (5 minutes when unreadable).</summary>
    private DateTime ExpiryOf(string token)
    {
        try
        {
            return new JsonWebToken(token).ValidTo is { Year: > 1970 } expires ? expires : time.GetUtcNow().UtcDateTime.AddMinutes(5);
        }
        catch (ArgumentException)
        {
            return time.GetUtcNow().UtcDateTime.AddMinutes(5);
        }
    }

    /// <summary>An alert of the stream as the console's view of video-alert's REST alert.</summary>
    public static VideoAlert View(Alert a) => new(
        Guid.Parse(a.Id), a.DeviceId, a.Kind, a.Priority, a.Method, a.Count, a.FirstAt?.ToDateTime() ?? default, a.LastAt?.ToDateTime() ?? default,
        Empty(a.GridCode), a.OrgPath, a.Status, Empty(a.RoutedTo), a.AckDeadline?.ToDateTime(), a.EscalationLevel, a.AcknowledgedAt?.ToDateTime(), a.Version);

    private static string? Empty(string value) => value.Length == 0 ? null : value;

    [LoggerMessage(LogLevel.Warning, "The console's alert watch failed ({Failures} in a row, {Status}): {Message}; it reconnects")]
    private static partial void LogStreamFailed(ILogger logger, int failures, string status, string message);

    private sealed class Watch(CancellationTokenSource stop, Task running) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            // Cancelling ends the calls and the loop; not awaited (the loop may be waiting for the page's renderer, which is
            // disposing this) and the source not disposed (the loop may still read its token).
            stop.Cancel();
            _ = running.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            return ValueTask.CompletedTask;
        }
    }
}
