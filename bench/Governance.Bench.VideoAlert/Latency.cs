using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Governance.Grid.Data;
using Governance.Testing.Hosting;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Bench.VideoAlert;

/// <summary>
/// Alarm → incident at a steady rate: one fire alarm per tick over the webhook, each from a camera of its own so each
/// raises an alert that the rules send to grid (fire_smoke → an incident), then the router's RoutedAt (set in the same
/// transaction as the incident's id, after grid's ReportIncident answered) minus the alarm's arrival, both the service's clock.
/// </summary>
internal static class Latency
{
    public static async Task RunAsync(ServiceTestHost<VideoAlertDb> host, ServiceTestHost<GridDb> grid, HttpClient webhook, int first, int rate, int seconds)
    {
        // The intake rounds' alerts are routed first: this run starts on a router with nothing queued.
        await WaitForRouterAsync(host);
        var count = rate * seconds;
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var camera = BenchCameras.Id(first + i);
            sends.Add(Send(webhook, camera, i));
        }
        await Task.WhenAll(sends);
        var sent = clock.Elapsed.TotalSeconds;
        var wait = Stopwatch.StartNew();
        List<double> latencies;
        while (true)
        {
            var rows = await host.QueryAsync(db => db.Alerts.AsNoTracking().Where(a => a.FirstAt >= started && a.Kind == AlertKinds.FireSmoke)
                .Select(a => new { a.FirstAt, a.RoutedAt, a.RoutedTo }).ToListAsync());
            if (rows.Count == count && rows.All(r => r.RoutedAt is not null) || wait.Elapsed > TimeSpan.FromMinutes(5))
            {
                latencies = rows.Where(r => r.RoutedAt is not null && r.RoutedTo == AlertRoutes.Incident)
                    .Select(r => (r.RoutedAt!.Value - r.FirstAt).TotalMilliseconds).Order().ToList();
                break;
            }
            await Task.Delay(250);
        }
        var incidents = await grid.QueryAsync(db => db.Incidents.CountAsync(i => i.Source == Governance.Grid.Incidents.IncidentSource.VideoAlert));
        Console.WriteLine($"alarm -> incident at {rate}/s for {seconds} s ({count} alarms sent in {sent:F1} s): {latencies.Count} routed to incidents, " +
            $"p50 {Percentile(latencies, 0.50),6:F0} ms, p99 {Percentile(latencies, 0.99),6:F0} ms, max {latencies.LastOrDefault(),6:F0} ms " +
            $"(grid holds {incidents} video_alert incidents in all)");
    }

    /// <summary>Waits until no alert is left open (each routed to an incident or a task); the seconds it took.</summary>
    public static async Task<double> WaitForRouterAsync(ServiceTestHost<VideoAlertDb> host)
    {
        var backlog = Stopwatch.StartNew();
        while (await host.QueryAsync(db => db.Alerts.CountAsync(a => a.Status == AlertStatus.Open)) > 0)
        {
            if (backlog.Elapsed > TimeSpan.FromMinutes(10)) throw new TimeoutException("The router left alerts open for 10 minutes.");
            await Task.Delay(100);
        }
        return backlog.Elapsed.TotalSeconds;
    }

    private static async Task Send(HttpClient webhook, string camera, int i)
    {
        using var response = await webhook.PostAsJsonAsync("/api/videoalert/webhook/alarms", new
        {
            cameraId = camera, eventId = $"latency-{i}", kind = AlertKinds.FireSmoke, priority = 1, occurredAt = DateTimeOffset.UtcNow,
        });
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"webhook answered {(int)response.StatusCode}");
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
