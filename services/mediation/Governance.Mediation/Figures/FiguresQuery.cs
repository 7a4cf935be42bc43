using Governance.Mediation.Data;
using Governance.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Governance.ServiceDefaults.Data;

namespace Governance.Mediation.Figures;

public enum FiguresGrouping
{
    None,
    Org,
    Month,
}

/// <summary>One group's figures (or the whole subtree's). Rates and days are null when nothing counts towards them.</summary>
public sealed record CaseFigures(
    string? Key, long Registered, long Settled, long PartiallySettled, long Failed, double? SuccessRate,
    double? AverageDaysToSettle, double? MedianDaysToSettle, SettledShares SettledAtLevel, long OverdueOpen);

/// <summary>Share of the settled cases settled at each level (0–1).</summary>
public sealed record SettledShares(double? Grid, double? Community, double? Street, double? County);

/// <summary>
/// The figures of an org subtree, computed in PostgreSQL in one GROUP BY GROUPING SETS pass (the
/// total and each group). Cases count in the period they were registered in (CreatedAt in
/// [from, to)); settled = settled or partially settled (or closed after a settlement), failed =
/// failed (or closed without one); success rate = settled / (settled + failed); days to settle from
/// CreatedAt to SettledAt; overdue = still open (registered, in mediation, referred) with
/// LevelDueAt passed. Months are UTC calendar months. On SQLite (the standalone host, a county's
/// cases at most) the same figures are computed in memory from the subtree's cases.
/// </summary>
public sealed class FiguresQuery(MediationDb db, TimeProvider time)
{
    private sealed record Row(
        bool Total, string Key, long Registered, long Settled, long Partial, long Failed, double? AverageDays, double? MedianDays,
        long AtGrid, long AtCommunity, long AtStreet, long AtCounty, long Overdue);

    public async Task<(CaseFigures Total, IReadOnlyList<CaseFigures> Groups)> ComputeAsync(
        OrgPath org, DateTime? from, DateTime? to, FiguresGrouping grouping, CancellationToken ct)
    {
        if (db.Database.ProviderName != "Npgsql.EntityFrameworkCore.PostgreSQL") return await InMemoryAsync(org, from, to, grouping, ct);
        var key = grouping switch
        {
            FiguresGrouping.Org => """CASE WHEN "OrgPath" = @org THEN @org ELSE @org || '/' || split_part(substr("OrgPath", length(@org) + 2), '/', 1) END""",
            FiguresGrouping.Month => """to_char("CreatedAt" AT TIME ZONE 'UTC', 'YYYY-MM')""",
            _ => "''",
        };
        var parameters = new List<NpgsqlParameter>
        {
            new("org", org.Value), new("prefix", org.Value + "/%"), new("now", time.GetUtcNow().UtcDateTime),
        };
        var period = "";
        if (from is { } f) { period += """ AND "CreatedAt" >= @from"""; parameters.Add(new("from", f)); }
        if (to is { } t) { period += """ AND "CreatedAt" < @to"""; parameters.Add(new("to", t)); }
        var sql = $"""
            WITH c AS (
                SELECT {key} AS k, "State" AS s, "Level" AS l, "LevelDueAt" AS due,
                       extract(epoch FROM "SettledAt" - "CreatedAt")::float8 / 86400 AS days,
                       "State" IN ('Settled', 'PartiallySettled') OR ("State" = 'Closed' AND "SettledAt" IS NOT NULL) AS settled,
                       "State" = 'Failed' OR ("State" = 'Closed' AND "SettledAt" IS NULL) AS failed
                FROM cases
                WHERE ("OrgPath" = @org OR "OrgPath" LIKE @prefix){period})
            SELECT GROUPING(k) = 1 AS "Total", coalesce(k, '') AS "Key", count(*) AS "Registered",
                   count(*) FILTER (WHERE settled) AS "Settled", count(*) FILTER (WHERE s = 'PartiallySettled') AS "Partial",
                   count(*) FILTER (WHERE failed) AS "Failed",
                   avg(days) FILTER (WHERE settled) AS "AverageDays",
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE settled) AS "MedianDays",
                   count(*) FILTER (WHERE settled AND l = 'Grid') AS "AtGrid", count(*) FILTER (WHERE settled AND l = 'Community') AS "AtCommunity",
                   count(*) FILTER (WHERE settled AND l = 'Street') AS "AtStreet", count(*) FILTER (WHERE settled AND l = 'County') AS "AtCounty",
                   count(*) FILTER (WHERE s IN ('Registered', 'InMediation', 'Referred') AND due < @now) AS "Overdue"
            FROM c
            GROUP BY GROUPING SETS ((), (k))
            """;
        var rows = await db.Database.SqlQueryRaw<Row>(sql, parameters.ToArray<object>()).ToListAsync(ct);
        return Shape(rows, grouping);
    }

    private async Task<(CaseFigures Total, IReadOnlyList<CaseFigures> Groups)> InMemoryAsync(
        OrgPath org, DateTime? from, DateTime? to, FiguresGrouping grouping, CancellationToken ct)
    {
        var query = db.Cases.AsNoTracking().WithinSubtree(c => c.OrgPath, org.Value);
        if (from is { } f) query = query.Where(c => c.CreatedAt >= f);
        if (to is { } t) query = query.Where(c => c.CreatedAt < t);
        var cases = await query.Select(c => new { c.OrgPath, c.State, c.Level, c.LevelDueAt, c.CreatedAt, c.SettledAt }).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var prefix = org.Value + "/";
        string KeyOf(string path, DateTime created) => grouping switch
        {
            FiguresGrouping.Org => path == org.Value ? org.Value : prefix + path[prefix.Length..].Split('/')[0],
            FiguresGrouping.Month => created.ToString("yyyy-MM"),
            _ => "",
        };
        Row RowOf(bool total, string key, IReadOnlyCollection<(Cases.CaseState State, Cases.MediationLevel Level, DateTime? Due, double? Days, bool Settled, bool Failed)> c)
        {
            var days = c.Where(x => x.Settled && x.Days is not null).Select(x => x.Days!.Value).Order().ToList();
            double? median = days.Count == 0 ? null : days.Count % 2 == 1 ? days[days.Count / 2] : (days[days.Count / 2 - 1] + days[days.Count / 2]) / 2;
            long SettledAt(Cases.MediationLevel level) => c.Count(x => x.Settled && x.Level == level);
            return new Row(total, key, c.Count, c.Count(x => x.Settled), c.Count(x => x.State == Cases.CaseState.PartiallySettled), c.Count(x => x.Failed),
                days.Count == 0 ? null : days.Average(), median,
                SettledAt(Cases.MediationLevel.Grid), SettledAt(Cases.MediationLevel.Community), SettledAt(Cases.MediationLevel.Street), SettledAt(Cases.MediationLevel.County),
                c.Count(x => x.State is Cases.CaseState.Registered or Cases.CaseState.InMediation or Cases.CaseState.Referred && x.Due < now));
        }
        var facts = cases.Select(c => (Key: KeyOf(c.OrgPath, c.CreatedAt), Fact: (c.State, c.Level, Due: c.LevelDueAt,
            Days: c.SettledAt is { } s ? (s - c.CreatedAt).TotalDays : (double?)null,
            Settled: c.State is Cases.CaseState.Settled or Cases.CaseState.PartiallySettled || (c.State == Cases.CaseState.Closed && c.SettledAt is not null),
            Failed: c.State == Cases.CaseState.Failed || (c.State == Cases.CaseState.Closed && c.SettledAt is null)))).ToList();
        var rows = new List<Row>();
        if (facts.Count > 0) rows.Add(RowOf(true, "", facts.Select(x => x.Fact).ToList()));
        rows.AddRange(facts.GroupBy(x => x.Key).Select(g => RowOf(false, g.Key, g.Select(x => x.Fact).ToList())));
        return Shape(rows, grouping);
    }

    private static (CaseFigures Total, IReadOnlyList<CaseFigures> Groups) Shape(List<Row> rows, FiguresGrouping grouping)
    {
        var total = rows.SingleOrDefault(r => r.Total) is { } all ? Figures(all, null) : Figures(Empty, null);
        var groups = grouping == FiguresGrouping.None ? [] : rows.Where(r => !r.Total).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => Figures(r, r.Key)).ToList();
        return (total, groups);
    }

    private static readonly Row Empty = new(true, "", 0, 0, 0, 0, null, null, 0, 0, 0, 0, 0);

    private static CaseFigures Figures(Row r, string? key) => new(
        key, r.Registered, r.Settled, r.Partial, r.Failed, Ratio(r.Settled, r.Settled + r.Failed), Round(r.AverageDays), Round(r.MedianDays),
        new SettledShares(Ratio(r.AtGrid, r.Settled), Ratio(r.AtCommunity, r.Settled), Ratio(r.AtStreet, r.Settled), Ratio(r.AtCounty, r.Settled)),
        r.Overdue);

    private static double? Ratio(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);

    private static double? Round(double? days) => days is { } d ? Math.Round(d, 2) : null;
}
