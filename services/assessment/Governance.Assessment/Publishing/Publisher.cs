using System.Data;
using System.Text.Json;
using Governance.Assessment.Access;
using Governance.Assessment.Data;
using Governance.Assessment.Indicators;
using Governance.Assessment.Scores;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Publishing;

/// <summary>
/// Publishes a period's scores for an org node (ADR 0013 §4) and reads what was published. Publishing computes every
/// scorecard within the node and the records behind each item in one repeatable-read transaction, so the scores, the
/// ranking and the drill-down agree with each other exactly as the facts stood at that moment, and stores them as a new
/// version; nothing published is ever changed. Publishing needs <c>assessment.manage</c> reaching the node; reading needs
/// <c>assessment.read</c> reaching it, or, for one department's published scorecard and records, that department's own
/// <c>assessment.department.read</c> (as for live scores).
/// </summary>
public sealed class Publisher(AssessmentDb db, Scorecards scorecards, IndicatorBook indicators, IndicatorValues values, DepartmentAccess access,
    RolePermissions permissions, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public sealed record PublishRequest(string? Org, string? Period, string? Note);

    public sealed record SnapshotSummary(Guid Id, string Org, string Period, int Version, DateTime PublishedAt, string PublishedBy, string Note)
    {
        public string Location => $"/api/assessment/published/{Id}";
    }

    public sealed record SnapshotView(SnapshotSummary Snapshot, Scorecards.Ranking Ranking);

    /// <param name="Live">How the live scorecard differs now (a late event, a replay), or null when the department has no letter in force any more.</param>
    public sealed record PublishedScorecardView(SnapshotSummary Snapshot, Scorecards.Scorecard Scorecard, LiveDifference? Live);

    /// <summary>The live scorecard against the published one: its total, and the items whose figures moved since.</summary>
    public sealed record LiveDifference(decimal Total, decimal Change, IReadOnlyList<ItemDifference> Items);

    public sealed record ItemDifference(string Indicator, decimal? PublishedValue, decimal? LiveValue, int PublishedNumerator, int LiveNumerator, int? PublishedDenominator,
        int? LiveDenominator, decimal PublishedPoints, decimal LivePoints);

    /// <summary>An item's records when it was published.</summary>
    public sealed record FrozenRecords(IReadOnlyList<RecordRef> Numerator, IReadOnlyList<RecordRef>? Denominator);

    public async Task<SnapshotView> PublishAsync(Caller caller, PublishRequest? request, CancellationToken ct)
    {
        if (!OrgPath.TryParse(request?.Org, out var path)) throw DomainException.Invalid("org", $"The org '{request?.Org}' is not an org path such as 632801/001.");
        var period = Indicators.Period.Parse(request!.Period);
        var note = request.Note?.Trim() ?? "";
        if (note.Length > 2000) throw DomainException.Invalid("note", "The note is at most 2000 characters.");
        await permissions.EnsurePermittedAsync(caller, AssessmentPermissions.Manage, path, ct);
        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(c => PublishOnceAsync(caller, path, period, note, c), ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            throw DomainException.RuleViolated("PublishedMeanwhile", "Someone published this period for this org at the same moment: read the published versions and publish again if needed.");
        }
    }

    private async Task<SnapshotView> PublishOnceAsync(Caller caller, OrgPath path, Period period, string note, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        // One snapshot of the facts for every scorecard and its records: a fold committing meanwhile is either all in or all out.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        var cards = await scorecards.CardsWithinAsync(path, period, ct);
        if (cards.Count == 0)
            throw DomainException.RuleViolated("NothingToPublish", $"No department within {path.Value} has a signed responsibility letter for {period.Year}: there is nothing to publish.");
        var library = (await indicators.InEffectAsync(clock.GetUtcNow().UtcDateTime, ct)).Document;
        var version = (await db.Set<PublishedSnapshot>().Where(s => s.OrgPath == path.Value && s.Period == period.Label).MaxAsync(s => (int?)s.Version, ct) ?? 0) + 1;
        var snapshot = new PublishedSnapshot
        {
            Id = Guid.CreateVersion7(), OrgPath = path.Value, Period = period.Label, Version = version, PublishedAt = clock.GetUtcNow().UtcDateTime,
            PublishedBy = caller.Subject, Note = note, Ranking = JsonSerializer.Serialize(Scorecards.RankingOf(path.Value, period.Label, cards), Json),
        };
        db.Add(snapshot);
        foreach (var card in cards)
        {
            var subject = new Subject(card.DepartmentId, card.OrgPath);
            var records = new Dictionary<string, FrozenRecords>();
            foreach (var item in card.Items)
            {
                var indicator = library.Find(item.Indicator) ?? throw new InvalidOperationException($"Indicator {item.Indicator} is no longer in the library.");
                var value = await values.ComputeAsync(indicator, subject, period, ct);
                records[item.Indicator] = new FrozenRecords(value.NumeratorRecords, value.DenominatorRecords);
            }
            var frozen = card with { Items = [.. card.Items.Select(i => i with { Records = RecordsPath(snapshot.Id, card.DepartmentId, i.Indicator) })] };
            db.Add(new PublishedScorecard
            {
                SnapshotId = snapshot.Id, DepartmentId = card.DepartmentId, Card = JsonSerializer.Serialize(frozen, Json), Records = JsonSerializer.Serialize(records, Json),
            });
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new SnapshotView(Summary(snapshot), RankingOf(snapshot));
    }

    /// <summary>Every published version of <paramref name="org"/>'s <paramref name="period"/>, oldest first.</summary>
    public async Task<IReadOnlyList<SnapshotSummary>> ListAsync(Caller caller, string? org, string? period, CancellationToken ct)
    {
        if (!OrgPath.TryParse(org, out var path)) throw DomainException.Invalid("org", $"The org '{org}' is not an org path such as 632801/001.");
        var p = Indicators.Period.Parse(period);
        await permissions.EnsurePermittedAsync(caller, AssessmentPermissions.Read, path, ct);
        var list = await db.Set<PublishedSnapshot>().AsNoTracking().Where(s => s.OrgPath == path.Value && s.Period == p.Label).OrderBy(s => s.Version).ToListAsync(ct);
        return [.. list.Select(Summary)];
    }

    public async Task<SnapshotView> ReadAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var snapshot = await SnapshotAsync(id, ct);
        await permissions.EnsurePermittedAsync(caller, AssessmentPermissions.Read, OrgPath.Parse(snapshot.OrgPath), ct);
        return new SnapshotView(Summary(snapshot), RankingOf(snapshot));
    }

    /// <summary>A snapshot with all its scorecards, best first (the export's), for a caller who may read the snapshot's org.</summary>
    internal async Task<(SnapshotView View, List<Scorecards.Scorecard> Cards)> ReadWholeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var view = await ReadAsync(caller, id, ct);
        var rows = await db.Set<PublishedScorecard>().AsNoTracking().Where(c => c.SnapshotId == id).ToListAsync(ct);
        var cards = rows.Select(r => JsonSerializer.Deserialize<Scorecards.Scorecard>(r.Card, Json)!).ToDictionary(c => c.DepartmentId);
        return (view, [.. view.Ranking.Departments.Select(d => cards[d.DepartmentId])]);
    }

    public async Task<PublishedScorecardView> ScorecardAsync(Caller caller, Guid id, string? departmentId, CancellationToken ct)
    {
        var (snapshot, row) = await CardAsync(caller, id, departmentId, ct);
        var card = JsonSerializer.Deserialize<Scorecards.Scorecard>(row.Card, Json)!;
        return new PublishedScorecardView(Summary(snapshot), card, await DifferenceAsync(caller, card, ct));
    }

    // ADR 0013 §4: the published figures are never rewritten; what moved since is shown beside them.
    private async Task<LiveDifference?> DifferenceAsync(Caller caller, Scorecards.Scorecard published, CancellationToken ct)
    {
        Scorecards.Scorecard live;
        try
        {
            live = await scorecards.ForDepartmentAsync(caller, published.DepartmentId, published.Period, ct);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return null;
        }
        var now = live.Items.ToDictionary(i => i.Indicator);
        var moved = published.Items.Select(p => (p, l: now.GetValueOrDefault(p.Indicator)))
            .Where(x => x.l is null || x.l.Points != x.p.Points || x.l.Value != x.p.Value || x.l.Numerator != x.p.Numerator || x.l.Denominator != x.p.Denominator)
            .Select(x => new ItemDifference(x.p.Indicator, x.p.Value, x.l?.Value, x.p.Numerator, x.l?.Numerator ?? 0, x.p.Denominator, x.l?.Denominator, x.p.Points,
                x.l?.Points ?? 0))
            .ToList();
        return new LiveDifference(live.Total, live.Total - published.Total, moved);
    }

    /// <summary>The records behind one item of a published scorecard, as they were when it was published.</summary>
    public async Task<Scorecards.IndicatorRecords> RecordsAsync(Caller caller, Guid id, string? departmentId, string? indicator, CancellationToken ct)
    {
        var (snapshot, row) = await CardAsync(caller, id, departmentId, ct);
        var card = JsonSerializer.Deserialize<Scorecards.Scorecard>(row.Card, Json)!;
        var item = card.Items.FirstOrDefault(i => i.Indicator == indicator?.Trim())
            ?? throw DomainException.Invalid("indicator", $"The published scorecard has no item '{indicator}'.");
        var records = JsonSerializer.Deserialize<Dictionary<string, FrozenRecords>>(row.Records, Json)![item.Indicator];
        return new Scorecards.IndicatorRecords(item.Indicator, item.Name, snapshot.Period, item.Value, item.Numerator, item.Denominator, records.Numerator, records.Denominator);
    }

    private async Task<(PublishedSnapshot Snapshot, PublishedScorecard Row)> CardAsync(Caller caller, Guid id, string? departmentId, CancellationToken ct)
    {
        var department = await access.DepartmentAsync(departmentId, "department", ct);
        var snapshot = await SnapshotAsync(id, ct);
        await access.EnsureMayReadAsync(caller, department, ct);
        var row = await db.Set<PublishedScorecard>().AsNoTracking().FirstOrDefaultAsync(c => c.SnapshotId == id && c.DepartmentId == department.DepartmentId, ct)
            ?? throw DomainException.NotFound($"Department {department.DepartmentId} is not in this published snapshot.");
        return (snapshot, row);
    }

    private async Task<PublishedSnapshot> SnapshotAsync(Guid id, CancellationToken ct) =>
        await db.Set<PublishedSnapshot>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct) ?? throw DomainException.NotFound("No such published snapshot.");

    private static string RecordsPath(Guid snapshot, string department, string indicator) =>
        $"/api/assessment/published/{snapshot}/records?department={department}&indicator={indicator}";

    private static SnapshotSummary Summary(PublishedSnapshot s) => new(s.Id, s.OrgPath, s.Period, s.Version, s.PublishedAt, s.PublishedBy, s.Note);

    private static Scorecards.Ranking RankingOf(PublishedSnapshot s) => JsonSerializer.Deserialize<Scorecards.Ranking>(s.Ranking, Json)!;
}
