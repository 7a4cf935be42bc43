using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Grid.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Incidents;

/// <summary>
/// The command centre's counts (<c>/api/grid/figures/incidents</c>), made by the database over every incident of the
/// caller's subtree rather than over a page of them: reported since a time by state, open, warned and overdue.
/// </summary>
public sealed class IncidentFiguresTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private HttpClient _worker = null!, _operator = null!, _otherCommunity = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync();
        _worker = _host.ClientAs("worker-1", Grid1, "grid_worker");
        _operator = _host.ClientAs("operator-1", Street, "centre_operator");
        _otherCommunity = _host.ClientAs("operator-2", OtherCommunity, "centre_operator");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_counts_cover_every_incident_of_the_subtree_by_state_warning_and_deadline_and_nothing_outside_it()
    {
        var since = _host.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        var reported = await _worker.ReportAsync();
        var registered = await _worker.ReportAsync();
        await _operator.StepAsync(registered.Id, "register", new { });
        var rejected = await _worker.ReportAsync();
        await _operator.StepAsync(rejected.Id, "reject", new { reason = "重复上报" });
        // The deadline watch gives warnings; here the columns it writes are set, so the count is what is under test.
        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Governance.Grid.Data.GridDb>();
            await db.Incidents.Where(i => i.Id == reported.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Warning, "red"), Ct);
            await db.Incidents.Where(i => i.Id == registered.Id).ExecuteUpdateAsync(u => u.SetProperty(i => i.Warning, "yellow"), Ct);
        }

        var figures = await FiguresAsync(_operator, since);
        Assert.Equal(Street, figures.Org);
        Assert.Equal([("registered", 1), ("rejected", 1), ("reported", 1)], figures.Reported.Select(r => (r.State, r.Count)).OrderBy(r => r.State));
        Assert.Equal((2, 1, 1, 0), (figures.Open, figures.Yellow, figures.Red, figures.Overdue));

        // Past every step's deadline (days, on the working calendar), both open incidents are overdue; the rejected is not.
        _host.Clock.Advance(TimeSpan.FromDays(40));
        figures = await FiguresAsync(_operator, since);
        Assert.Equal((2, 2), (figures.Open, figures.Overdue));
        // Reports before `since` are not among the period's, but still open.
        figures = await FiguresAsync(_operator, _host.Clock.GetUtcNow().UtcDateTime);
        Assert.Empty(figures.Reported);
        Assert.Equal(2, figures.Open);

        // Another community's centre counts its own subtree: none of these.
        var other = await FiguresAsync(_otherCommunity, since);
        Assert.Equal((OtherCommunity, 0, 0), (other.Org, other.Reported.Count, other.Open));
    }

    [Fact]
    public async Task A_subtree_outside_the_callers_reach_is_refused_and_bad_input_names_its_field()
    {
        using var outside = await _otherCommunity.GetAsync($"/api/grid/figures/incidents?org={Street}&since=2026-01-01T00:00:00Z", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);

        using var noSince = await _operator.GetAsync("/api/grid/figures/incidents", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noSince.StatusCode);
        Assert.True((await noSince.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("since", out _));

        using var badOrg = await _operator.GetAsync("/api/grid/figures/incidents?org=nowhere&since=2026-01-01T00:00:00Z", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badOrg.StatusCode);
        Assert.True((await badOrg.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("org", out _));
    }

    private static async Task<IncidentFiguresApi.FiguresView> FiguresAsync(HttpClient client, DateTime since) =>
        (await client.GetFromJsonAsync<IncidentFiguresApi.FiguresView>($"/api/grid/figures/incidents?since={since:yyyy-MM-ddTHH:mm:ss.fffZ}", Ct))!;
}
