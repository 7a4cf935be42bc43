using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Governance.Contracts.VideoAlert;

namespace Governance.Assessment.Tests.Scores;

/// <summary>
/// A month of one department's work, as grid, mediation and video-alert publish it, with the scores worked out by hand
/// (<see cref="ScoringTests"/>). The department's org node is <c>street</c>; <c>otherStreet</c> holds a case that must
/// not count for it; <c>otherDepartment</c> takes over an incident the department returned. Every event has its own
/// message id. All times are Beijing time (UTC+8) in November 2026, except one incident closed at 00:30 on 1 December
/// Beijing time (16:30 UTC on 30 November), which belongs to December.
/// </summary>
internal static class KnownHistory
{
    public static DateTime Cst(int day, int hour, int minute = 0) => new DateTime(2026, 11, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    public static List<(object Event, Guid MessageId)> Build(string department, string otherDepartment, string street, string otherStreet)
    {
        var grid = street + "/002/001";
        var events = new List<object>();
        Guid I() => Guid.NewGuid();
        IncidentDispatched Dispatch(Guid id, string number, string dept, DateTime at, int round = 1, int rework = 0) =>
            new(id, number, dept, "sanitation", "normal", grid, at.AddHours(4), rework, at, round);
        IncidentClosed Close(Guid id, string number, string? dept, bool onTime, int reworks, int extensions, DateTime at) =>
            new(id, number, grid, dept, onTime, reworks, extensions, at);
        IncidentEvaluated Evaluate(Guid id, string number, int satisfaction, DateTime at) => new(id, number, grid, satisfaction, "resident-account", at);

        // I1 on time, no rework or extension, satisfied (5).
        var i1 = I();
        events.AddRange([Dispatch(i1, "I1", department, Cst(2, 9)), Close(i1, "I1", department, true, 0, 0, Cst(5, 10)), Evaluate(i1, "I1", 5, Cst(6, 10))]);
        // I2 late, one rework, one extension, not satisfied (3).
        var i2 = I();
        events.AddRange([Dispatch(i2, "I2", department, Cst(3, 9)), Close(i2, "I2", department, false, 1, 1, Cst(10, 10)), Evaluate(i2, "I2", 3, Cst(11, 10))]);
        // I3 on time, one extension, satisfied (4).
        var i3 = I();
        events.AddRange([Dispatch(i3, "I3", department, Cst(4, 9)), Close(i3, "I3", department, true, 0, 1, Cst(12, 10)), Evaluate(i3, "I3", 4, Cst(13, 10))]);
        // I4 on time after two reworks (dispatched again for the rework), never evaluated.
        var i4 = I();
        events.AddRange([Dispatch(i4, "I4", department, Cst(5, 9)), Dispatch(i4, "I4", department, Cst(15, 9), round: 2, rework: 1),
            Close(i4, "I4", department, true, 2, 0, Cst(20, 10))]);
        // I5 closed late at 00:30 on 1 December Beijing time: December's, not November's.
        var i5 = I();
        events.AddRange([Dispatch(i5, "I5", department, Cst(20, 9)), Close(i5, "I5", department, false, 0, 0, new DateTime(2026, 11, 30, 16, 30, 0, DateTimeKind.Utc))]);
        // I6 mis-dispatched: the department returns it (lead), the other department takes it and closes it.
        var i6 = I();
        events.AddRange([Dispatch(i6, "I6", department, Cst(2, 9)), new IncidentReturned(i6, "I6", department, "lead", 1, grid, Cst(3, 9)),
            Dispatch(i6, "I6", otherDepartment, Cst(4, 9), round: 2), Close(i6, "I6", otherDepartment, true, 0, 0, Cst(8, 10))]);

        // Disputes in the street's subtree.
        var community = street + "/002";
        var c1 = I();
        events.AddRange([new DisputeRegistered(c1, "C1", "grid_on_site", "neighbour", "ordinary", "grid", grid, null, Cst(1, 9)),
            new DisputeSettled(c1, "C1", "grid", false, null, grid, Cst(6, 9))]);
        var c2 = I();
        events.AddRange([new DisputeRegistered(c2, "C2", "hotline", "neighbour", "major", "community", community, null, Cst(2, 9)),
            new DisputeEscalated(c2, "C2", "community", "street", "deadline", street, Cst(7, 9)),
            new DisputeSettled(c2, "C2", "street", true, 1200m, street, Cst(15, 9))]);
        var c3 = I();
        events.AddRange([new DisputeRegistered(c3, "C3", "hotline", "contract", "complex", "street", street, null, Cst(3, 9)),
            new DisputeEscalated(c3, "C3", "street", "county", "failed", street, Cst(10, 9)),
            new DisputeMediationFailed(c3, "C3", "county", "litigation", street, Cst(18, 9))]);
        // C4 failed at the community and went up to the street: no ending yet.
        var c4 = I();
        events.AddRange([new DisputeRegistered(c4, "C4", "hotline", "neighbour", "major", "community", community, null, Cst(4, 9)),
            new DisputeMediationFailed(c4, "C4", "community", "litigation", community, Cst(9, 9), Escalated: true),
            new DisputeEscalated(c4, "C4", "community", "street", "failed", street, Cst(9, 9, 1))]);
        // C5 withdrawn: not mediated to an end, counts nowhere.
        var c5 = I();
        events.AddRange([new DisputeRegistered(c5, "C5", "online", "consumer", "ordinary", "grid", grid, null, Cst(5, 9)),
            new DisputeWithdrawn(c5, "C5", "grid", "no_longer_pursued", grid, Cst(11, 9))]);
        // C6 lies in another street: not the department's.
        var c6 = I();
        events.AddRange([new DisputeRegistered(c6, "C6", "online", "consumer", "ordinary", "grid", otherStreet + "/001/001", null, Cst(5, 9)),
            new DisputeSettled(c6, "C6", "grid", false, null, otherStreet + "/001/001", Cst(6, 9))]);

        // Alerts in the street's subtree: A1 acknowledged in time, A2 late.
        var a1 = I();
        events.AddRange([new AlertRaised(a1, "63280100001320000001", "fire_smoke", 1, "632801001002001", grid, Cst(3, 9)),
            new AlertRouted(a1, "63280100001320000001", "incident", null, Cst(3, 10), grid, Cst(3, 9, 1)),
            new AlertAcknowledged(a1, "63280100001320000001", "operator-account", false, grid, Cst(3, 9, 5))]);
        var a2 = I();
        events.AddRange([new AlertRaised(a2, "63280100001320000002", "flooding", 2, "632801001002001", grid, Cst(4, 9)),
            new AlertRouted(a2, "63280100001320000002", "incident", null, Cst(4, 10), grid, Cst(4, 9, 1)),
            new AlertAcknowledged(a2, "63280100001320000002", "operator-account", true, grid, Cst(4, 12))]);

        return [.. events.Select(e => (e, Guid.NewGuid()))];
    }

    /// <summary>
    /// The letter the tests give the department, and what it scores for November by hand:
    /// <code>
    /// closed in November: I1, I2, I3, I4 (I5 is December's; I6 is the other department's)
    /// on time          3/4 = 0.75     linear 0.5 → 0.9, 30 points: (0.75 − 0.5) / 0.4 = 0.625 × 30 = 18.75
    /// rework           2/4 = 0.5      linear 0.6 → 0.1 (lower is better), 10: (0.5 − 0.6) / (0.1 − 0.6) = 0.2 × 10 = 2.00
    /// extension        2/4 = 0.5      threshold 0.3 (lower is better), 10: 0.5 > 0.3 → 0
    /// satisfaction     2/3 = 0.6667   threshold 0.6, 20: met → 20
    /// returns          1 (I6)         deduction 4 per case from 10: 10 − 4 = 6
    /// dispute success  2/3 = 0.6667   (C1 settled, C2 partly, C3 failed at the county; C4 open, C5 withdrawn, C6 elsewhere)
    ///                                 linear 0.5 → 1.0, 10: (0.6667 − 0.5) / 0.5 = 0.3334 × 10 = 3.33
    /// grassroots share 1/2 = 0.5      (C1 at grid; C2 at street) linear 0 → 1, 10: 5.00
    /// alerts on time   1/2            bonus 1 per case, up to 5: 1
    /// total = 18.75 + 2 + 0 + 20 + 6 + 3.33 + 5 + 1 = 56.08 (of 100 before bonuses)
    /// </code>
    /// </summary>
    public static object[] Letter =
    [
        new { indicator = "incident_on_time_rate", weight = 30, rule = "linear", floor = 0.5, target = 0.9 },
        new { indicator = "incident_rework_rate", weight = 10, rule = "linear", floor = 0.6, target = 0.1 },
        new { indicator = "incident_extension_rate", weight = 10, rule = "threshold", target = 0.3 },
        new { indicator = "incident_satisfaction_rate", weight = 20, rule = "threshold", target = 0.6 },
        new { indicator = "incident_misdispatch_returns", weight = 10, rule = "deduction", perCase = 4 },
        new { indicator = "dispute_success_rate", weight = 10, rule = "linear", floor = 0.5, target = 1.0 },
        new { indicator = "dispute_grassroots_share", weight = 10, rule = "linear", floor = 0, target = 1 },
        new { indicator = "alert_ack_on_time_rate", weight = 5, rule = "bonus", perCase = 1 },
    ];

    public const decimal NovemberTotal = 56.08m;
}
