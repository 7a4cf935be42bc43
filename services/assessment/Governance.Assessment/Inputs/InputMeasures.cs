using System.Globalization;
using Governance.Assessment.CareVisits;
using Governance.Assessment.Data;
using Governance.Assessment.Facts;
using Governance.Assessment.Indicators;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Inputs;

/// <summary>
/// An indicator's figures when its numerator and denominator are not one record each: worker-days, camera-days, care
/// visits counted by population. The records are what the figures are made of (the reports and the workers, the cameras
/// with their days, the communities with their counts).
/// </summary>
public sealed record Tally(int Numerator, int Denominator, List<RecordRef> NumeratorRecords, List<RecordRef> DenominatorRecords);

/// <summary>
/// The measures over <see cref="ReportFact"/>, <see cref="StaffingChange"/>, <see cref="CameraFact"/> and
/// <see cref="CareVisitFigure"/>, all by the org subtree (a department by its org node's). A period still running is
/// measured up to now: the days and samples still to come count nowhere yet.
/// </summary>
internal sealed class InputMeasures(AssessmentDb db, TimeProvider clock)
{
    public const string ValidReportsPerDay = "grid_worker_valid_reports_per_day";
    public const string CameraOnline = "camera_online";
    public const string CameraNetworked = "camera_networked";
    public const string CareVisitOnTime = "care_visit_on_time";

    /// <summary>The hour (China time) each day's camera sample is taken at: the working day's middle, as a daily inspection (巡检) would look.</summary>
    public const int SampleHour = 12;

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    public static bool Handles(string measure) => measure is ValidReportsPerDay or CameraOnline or CameraNetworked or CareVisitOnTime;

    public Task<Tally> TallyAsync(Measure measure, Subject subject, Period period, CancellationToken ct)
    {
        var end = period.EndUtc < Now ? period.EndUtc : Now;
        return measure.Key switch
        {
            ValidReportsPerDay => ReportsAsync(subject.OrgPath, period.StartUtc, end, ct),
            CameraOnline => CameraDaysAsync(subject.OrgPath, period.StartUtc, end, ct),
            CameraNetworked => NetworkedAsync(subject.OrgPath, end, ct),
            CareVisitOnTime => CareVisitsAsync(subject.OrgPath, period, ct),
            _ => throw new InvalidOperationException($"Measure {measure.Key} is not an input measure."),
        };
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Valid reports (registered, neither rejected nor merged away) made in the period by the subtree's grid workers, of
    /// grid workers × days: a grid worker is an account that held a <c>worker</c> post in a grid of the subtree at some
    /// time in the period (once however many grids), and each day of the period so far counts.
    /// </summary>
    private async Task<Tally> ReportsAsync(string org, DateTime from, DateTime to, CancellationToken ct)
    {
        var changes = await db.Set<StaffingChange>().AsNoTracking().Where(c => c.Post == "worker" && c.At < to).WithinSubtree(c => c.OrgPath, org)
            .ToListAsync(ct);
        var workers = changes.GroupBy(c => (c.GridCode, c.UserId)).Where(g => HeldWithin(g, from, to))
            .GroupBy(g => g.Key.UserId, g => g.Key.GridCode, StringComparer.Ordinal)
            .Select(w => (User: w.Key, Grids: string.Join(",", w.Order(StringComparer.Ordinal))))
            .OrderBy(w => w.User, StringComparer.Ordinal).ToList();
        var ids = workers.Select(w => w.User).ToList();
        var reports = await db.Set<ReportFact>().AsNoTracking().WithinSubtree(f => f.OrgPath, org)
            .Where(f => f.ReportedAt >= from && f.ReportedAt < to && f.RegisteredAt != null && f.RejectedAt == null && f.MergedAt == null
                && ids.Contains(f.ReportedBy!))
            .Select(f => new { f.IncidentId, f.Number }).ToListAsync(ct);
        var days = to > from ? (int)Math.Ceiling((to - from) / Day) : 0;
        return new Tally(reports.Count, workers.Count * days,
            [.. reports.OrderBy(r => r.Number, StringComparer.Ordinal).ThenBy(r => r.IncidentId)
                .Select(r => new RecordRef(r.IncidentId.ToString(), r.Number, $"/api/grid/incidents/{r.IncidentId}"))],
            [.. workers.Select(w => new RecordRef(w.User, w.Grids, $"/api/identity/users/{w.User}"))]);
    }

    // Whether one account held the post in one grid at some time in [from, to). An end with no start before it (the
    // assignment predates what assessment received) held it since ever; a start with no end holds it still.
    private static bool HeldWithin(IEnumerable<StaffingChange> changes, DateTime from, DateTime to)
    {
        var (holding, since, first) = (false, DateTime.MinValue, true);
        foreach (var c in changes.OrderBy(c => c.At).ThenBy(c => c.Change, StringComparer.Ordinal))
        {
            if (c.Change == "assigned" && !holding) (holding, since) = (true, c.At);
            else if (c.Change == "ended")
            {
                if ((holding || first) && (holding ? since : DateTime.MinValue) < to && c.At > from) return true;
                holding = false;
            }
            first = false;
        }
        return holding && since < to;
    }

    /// <summary>
    /// Camera-days online of camera-days: each day of the period so far, at <see cref="SampleHour"/> China time, every
    /// camera of the subtree known by then counts once, and online when its latest status change before the sample
    /// says so (a registered camera never heard from is offline). A retired camera counts only for the samples before its
    /// retirement.
    /// </summary>
    private async Task<Tally> CameraDaysAsync(string org, DateTime from, DateTime to, CancellationToken ct)
    {
        var samples = new List<DateTime>();
        for (var day = from; day < to; day += Day)
            if (day.AddHours(SampleHour) is var sample && sample < to) samples.Add(sample);
        var cameras = await db.Set<CameraFact>().AsNoTracking().WithinSubtree(f => f.OrgPath, org).Where(f => f.KnownSince < to)
            .Select(f => new { f.DeviceId, f.KnownSince, f.RetiredAt }).ToListAsync(ct);
        var ids = cameras.Select(c => c.DeviceId).ToList();
        var changes = (await db.Set<CameraStatusChange>().AsNoTracking().Where(s => ids.Contains(s.DeviceId) && s.At < to).ToListAsync(ct))
            .ToLookup(s => s.DeviceId);
        var (online, sampled) = (0, 0);
        var (numerator, denominator) = (new List<RecordRef>(), new List<RecordRef>());
        foreach (var camera in cameras.OrderBy(c => c.DeviceId, StringComparer.Ordinal))
        {
            // Ties at one instant: offline first, then online (a camera back within the same microsecond is online).
            var history = changes[camera.DeviceId].OrderBy(s => s.At).ThenBy(s => s.Online).ToList();
            var (up, counted) = (0, 0);
            foreach (var sample in samples.Where(s => s >= camera.KnownSince && (camera.RetiredAt is not { } retired || s < retired)))
            {
                counted++;
                if (history.LastOrDefault(s => s.At <= sample) is { Online: true }) up++;
            }
            if (counted == 0) continue;
            (online, sampled) = (online + up, sampled + counted);
            var record = new RecordRef(camera.DeviceId, string.Create(CultureInfo.InvariantCulture, $"{camera.DeviceId} {up}/{counted}"),
                $"/api/videoalert/cameras/{camera.DeviceId}");
            denominator.Add(record);
            if (up > 0) numerator.Add(record);
        }
        return new Tally(online, sampled, numerator, denominator);
    }

    /// <summary>
    /// Cameras of the subtree heard from at least once (联网) by the period's end (or now), of those known by then and not
    /// retired by then.
    /// </summary>
    private async Task<Tally> NetworkedAsync(string org, DateTime to, CancellationToken ct)
    {
        var cameras = await db.Set<CameraFact>().AsNoTracking().WithinSubtree(f => f.OrgPath, org)
            .Where(f => f.KnownSince < to && (f.RetiredAt == null || f.RetiredAt >= to))
            .Select(f => new { f.DeviceId, f.FirstOnlineAt }).ToListAsync(ct);
        var ordered = cameras.OrderBy(c => c.DeviceId, StringComparer.Ordinal).ToList();
        RecordRef Ref(string id) => new(id, id, $"/api/videoalert/cameras/{id}");
        var networked = ordered.Where(c => c.FirstOnlineAt < to).Select(c => Ref(c.DeviceId)).ToList();
        return new Tally(networked.Count, ordered.Count, networked, [.. ordered.Select(c => Ref(c.DeviceId))]);
    }

    /// <summary>
    /// Care visits made by their due day, of those that fell due in the period's months, summed over the subtree's
    /// communities from population's figures; communities population withheld (too few to show) count in neither.
    /// Each record is a community and month with its counts, never a case or a person.
    /// </summary>
    private async Task<Tally> CareVisitsAsync(string org, Period period, CancellationToken ct)
    {
        var rows = await db.Set<CareVisitFigure>().AsNoTracking().WithinSubtree(f => f.Community, org)
            .Where(f => f.MonthStartUtc >= period.StartUtc && f.MonthStartUtc < period.EndUtc && f.Due != null)
            .ToListAsync(ct);
        rows = [.. rows.OrderBy(r => r.Month).ThenBy(r => r.Community, StringComparer.Ordinal)];
        RecordRef Ref(CareVisitFigure r, int count)
        {
            var month = r.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            return new RecordRef(r.Community, string.Create(CultureInfo.InvariantCulture, $"{month} {count}"),
                $"/api/population/care/figures/visits?month={month}&org={r.Community}");
        }
        return new Tally(rows.Sum(r => r.OnTime ?? 0), rows.Sum(r => r.Due ?? 0),
            [.. rows.Where(r => r.OnTime > 0).Select(r => Ref(r, r.OnTime!.Value))], [.. rows.Select(r => Ref(r, r.Due!.Value))]);
    }
}
