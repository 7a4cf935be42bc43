namespace Governance.Console.Api;

// What the assessment pages read besides the live ranking (AssessmentViews.cs): replay jobs (/api/assessment/replay/jobs),
// a department's trend (/trends) and published snapshots (/published), by their JSON names.

/// <summary>The facts a replay rebuilt and how long it took.</summary>
public sealed record ReplayResult(long Events, int Incidents, int Returns, int Disputes, int Alerts, long ElapsedMs, int Inspections);

/// <param name="State"><c>running</c>, <c>succeeded</c> or <c>failed</c>.</param>
/// <param name="Failure"><c>replica_lost</c>, <c>service_stopped</c> or <c>error</c> when it failed.</param>
public sealed record ReplayJob(Guid Id, string State, string RequestedBy, DateTime StartedAt, DateTime HeartbeatAt, DateTime? FinishedAt, long EventsTotal,
    long EventsDone, string? Failure, ReplayResult? Result)
{
    public bool Ended => State != "running";
}

/// <param name="Change">From the month before (none for the year's first month).</param>
/// <param name="Scorecard">Assessment's path of the month's scorecard (<c>/api/assessment/scorecard?department=&amp;period=</c>).</param>
public sealed record TrendMonth(string Period, decimal Total, decimal MaxPoints, decimal? Change, string Scorecard);

public sealed record Trend(string DepartmentId, string DepartmentName, int Year, IReadOnlyList<TrendMonth> Months);

/// <summary>One published version of an org's period: what the centre circulated, frozen.</summary>
public sealed record PublishedSnapshot(Guid Id, string Org, string Period, int Version, DateTime PublishedAt, string PublishedBy, string Note);

public sealed record PublishedRanking(PublishedSnapshot Snapshot, Ranking Ranking);

public sealed record ItemDifference(string Indicator, decimal? PublishedValue, decimal? LiveValue, int PublishedNumerator, int LiveNumerator, int? PublishedDenominator,
    int? LiveDenominator, decimal PublishedPoints, decimal LivePoints);

/// <summary>The live figures now beside the published ones: the total, its change, and the items that moved since.</summary>
public sealed record LiveDifference(decimal Total, decimal Change, IReadOnlyList<ItemDifference> Items);

public sealed record PublishedScorecard(PublishedSnapshot Snapshot, Scorecard Scorecard, LiveDifference? Live);
