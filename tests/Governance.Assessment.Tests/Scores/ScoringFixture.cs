using System.Net.Http.Json;
using Governance.Assessment.Letters;
using Governance.Assessment.Tests.Infrastructure;

namespace Governance.Assessment.Tests.Scores;

/// <summary>
/// One host for <see cref="ScoringTests"/>, fed the known history three times: for department A in the order it
/// happened; for department B shuffled, with redeliveries and republished copies; for department C in order (the one
/// the late event is added to). Each department has the same signed letter for 2026.
/// </summary>
public sealed class ScoringFixture : IAsyncLifetime
{
    public AssessmentHost Host { get; private set; } = null!;

    public Guid DepartmentA { get; } = Guid.NewGuid();
    public Guid DepartmentB { get; } = Guid.NewGuid();
    public Guid DepartmentC { get; } = Guid.NewGuid();
    public string StreetA => Host.Org("001");
    public string StreetB => Host.Org("003");
    public string StreetC => Host.Org("005");

    /// <summary>The message ids of the history as published (a redelivery shares its original's).</summary>
    public IReadOnlyList<Guid> Published { get; private set; } = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Host = await AssessmentHost.StartAsync();
        await Host.AddDepartmentAsync(DepartmentA, "cgj-a", "城管局甲", StreetA);
        await Host.AddDepartmentAsync(DepartmentB, "cgj-b", "城管局乙", StreetB);
        await Host.AddDepartmentAsync(DepartmentC, "cgj-c", "城管局丙", StreetC);

        var inOrder = KnownHistory.Build(DepartmentA.ToString(), Guid.NewGuid().ToString(), StreetA, Host.Org("002"));
        var lastC = KnownHistory.Build(DepartmentC.ToString(), Guid.NewGuid().ToString(), StreetC, Host.Org("006"));
        var copy = KnownHistory.Build(DepartmentB.ToString(), Guid.NewGuid().ToString(), StreetB, Host.Org("004"));
        // Redelivered (the same message id: the inbox drops it) and republished (a new id: the fold must not count it twice).
        var shuffled = copy.Concat(copy.Where((_, i) => i % 3 == 0)).Concat(copy.Where((_, i) => i % 4 == 1).Select(e => (e.Event, MessageId: Guid.NewGuid())))
            .ToList();
        var random = new Random(15);
        shuffled = [.. shuffled.OrderBy(_ => random.Next())];

        foreach (var (e, id) in inOrder.Concat(lastC)) await Host.PublishAsync(e, id);
        await Task.WhenAll(shuffled.Select(e => Host.PublishAsync(e.Event, e.MessageId)));
        Published = [.. inOrder.Concat(lastC).Concat(shuffled).Select(e => e.MessageId).Distinct()];
        await Host.WaitForLoggedAsync(Published);

        using var assessor = Assessor();
        foreach (var department in new[] { DepartmentA, DepartmentB, DepartmentC })
        {
            using var created = await assessor.PostAsJsonAsync("/api/assessment/letters",
                new { departmentId = department.ToString(), year = 2026, note = "2026 目标责任书", items = KnownHistory.Letter }, Ct);
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
            var letter = (await created.Content.ReadFromJsonAsync<LetterBook.LetterView>(Ct))!;
            using var signed = await assessor.PostAsync($"/api/assessment/letters/{letter.Id}/versions/1/sign", null, Ct);
            Assert.True(signed.IsSuccessStatusCode, await signed.Content.ReadAsStringAsync(Ct));
        }
    }

    public HttpClient Assessor() => Host.ClientAs("assessor-county", Host.County, "assessor");

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
