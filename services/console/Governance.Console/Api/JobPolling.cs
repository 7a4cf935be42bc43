namespace Governance.Console.Api;

/// <summary>
/// Following a long job a service runs for the user (population's import, assessment's replay): the page reads it again
/// every half second and redraws its progress until it ends. One loop for every such page.
/// </summary>
public static class JobPolling
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Shows <paramref name="job"/>, waits, reads it again, until <paramref name="ended"/> says so, the page closes
    /// (<paramref name="closed"/>) or a read is refused. Answers the job as last read and the refusal that stopped it, if any.
    /// </summary>
    public static async Task<(T Job, ApiProblem? Problem)> FollowAsync<T>(T job, Func<T, bool> ended, Func<T, Task<ApiResult<T>>> read, Action<T> show,
        CancellationToken closed) where T : class
    {
        while (!ended(job) && !closed.IsCancellationRequested)
        {
            show(job);
            try
            {
                await Task.Delay(Interval, closed);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            var latest = await read(job);
            if (latest.Problem is { } problem) return (job, problem);
            job = latest.Value!;
        }
        return (job, null);
    }
}
