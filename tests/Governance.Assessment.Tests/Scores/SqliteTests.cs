using System.Net.Http.Json;
using Governance.Assessment.Letters;
using Governance.Assessment.Scores;
using Governance.Assessment.Tests.Infrastructure;

namespace Governance.Assessment.Tests.Scores;

/// <summary>The standalone host's engine: the same history scores the same on SQLite, before and after a replay.</summary>
public sealed class SqliteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_SQLite_the_known_history_scores_as_worked_out_by_hand_and_replays_to_the_same()
    {
        await using var host = await AssessmentHost.StartAsync(sqlite: true);
        var department = Guid.NewGuid();
        await host.AddDepartmentAsync(department, "cgj", "城管局", host.Org("001"));
        var history = KnownHistory.Build(department.ToString(), Guid.NewGuid().ToString(), host.Org("001"), host.Org("002"));
        await Task.WhenAll(history.Select(e => host.PublishAsync(e.Event, e.MessageId)));
        await host.WaitForLoggedAsync(history.Select(e => e.MessageId));

        using var assessor = host.ClientAs("assessor-county", host.County, "assessor");
        using var created = await assessor.PostAsJsonAsync("/api/assessment/letters", new { departmentId = department.ToString(), year = 2026, items = KnownHistory.Letter }, Ct);
        var letter = (await created.Content.ReadFromJsonAsync<LetterBook.LetterView>(Ct))!;
        (await assessor.PostAsync($"/api/assessment/letters/{letter.Id}/versions/1/sign", null, Ct)).EnsureSuccessStatusCode();
        var url = $"/api/assessment/scorecard?department={department}&period=2026-11";
        Assert.Equal(KnownHistory.NovemberTotal, (await host.GetAsync<Scorecards.Scorecard>(assessor, url)).Total);

        using var admin = host.ClientAs("admin-county", host.County, "admin");
        var replayed = await Publishing.ReplayJobClient.ReplayAsync(host, admin);
        // The total is the log's count when the job started; other classes' events reach this host's queues meanwhile (CI: 93 of 91).
        Assert.True(replayed.EventsDone >= replayed.EventsTotal, $"{replayed.EventsDone} of {replayed.EventsTotal}");
        Assert.Equal(KnownHistory.NovemberTotal, (await host.GetAsync<Scorecards.Scorecard>(assessor, url)).Total);
        // The lease was given back: a second replay runs.
        await Publishing.ReplayJobClient.ReplayAsync(host, admin);

        // Publishing (its repeatable-read transaction is SQLite's serializable one) and the published workbook.
        using var published = await admin.PostAsJsonAsync("/api/assessment/published", new { org = host.County, period = "2026-11" }, Ct);
        Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync(Ct));
        var snapshot = (await published.Content.ReadFromJsonAsync<Assessment.Publishing.Publisher.SnapshotView>(Ct))!;
        Assert.Equal(KnownHistory.NovemberTotal, Assert.Single(snapshot.Ranking.Departments).Total);
        using var workbook = await assessor.GetAsync($"{snapshot.Snapshot.Location}/xlsx", Ct);
        Assert.True(workbook.IsSuccessStatusCode, await workbook.Content.ReadAsStringAsync(Ct));
        using var file = new MemoryStream(await workbook.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(["考核排名", "城管局"], MiniExcelLibs.MiniExcel.GetSheetNames(file));
    }
}
