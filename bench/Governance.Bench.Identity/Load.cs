using System.Diagnostics;
using System.Net;

namespace Governance.Bench.Identity;

/// <summary>Runs <c>callers</c> loops of one request each for a fixed time; counts successes, fails on anything else.</summary>
internal static class Load
{
    public static async Task<double> PerSecondAsync(int callers, TimeSpan duration, Func<HttpClient, Task<HttpResponseMessage>> send, HttpClient http)
    {
        var stopwatch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, callers).Select(async _ =>
        {
            long done = 0;
            while (stopwatch.Elapsed < duration)
            {
                using var response = await send(http);
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new InvalidOperationException($"Request failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                done++;
            }
            return done;
        }).ToList();
        var total = (await Task.WhenAll(tasks)).Sum();
        return total / stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>Sends <paramref name="requests"/> requests over <paramref name="callers"/> loops; fails on anything but 200.</summary>
    public static async Task CountAsync(int callers, int requests, Func<HttpClient, Task<HttpResponseMessage>> send, HttpClient http)
    {
        long left = requests;
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            while (Interlocked.Decrement(ref left) >= 0)
            {
                using var response = await send(http);
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new InvalidOperationException($"Request failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }));
    }
}
