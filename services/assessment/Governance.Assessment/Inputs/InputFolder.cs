using Governance.Assessment.Data;
using Governance.Assessment.Events;
using Governance.Assessment.Facts;
using Governance.Contracts.Grid;
using Governance.Contracts.VideoAlert;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Inputs;

/// <summary>
/// Folds the events behind grid workers' reports and camera online rates (<see cref="ReportFact"/>,
/// <see cref="StaffingChange"/>, <see cref="CameraFact"/>, <see cref="CameraStatusChange"/>), under the rules of
/// <see cref="FactFolder"/>: a field is set by the event that owns it (the earliest for "since when" fields, the newest
/// by <see cref="Stamp"/> for where a record lies), and changes are rows keyed by what they are, so any order and any
/// number of deliveries give the same rows. Live consumers and replay share it. An event's org path is mapped through
/// identity's logged moves first (<paramref name="now"/>, <see cref="FactFolder"/>'s), as every fold's is.
/// </summary>
internal sealed class InputFolder(AssessmentDb db, bool preloaded, Func<string, CancellationToken, ValueTask<string>> now)
{
    /// <summary>The incident steps that make a report invalid; the consumer logs no other <see cref="IncidentTransitioned"/>.</summary>
    public static bool Invalidates(IncidentTransitioned e) => e.Action == "reject" || (e.Action == "merge" && e.ToState == "merged");

    /// <summary>False when the message is none of these inputs'.</summary>
    public async Task<bool> FoldAsync(object message, Guid messageId, CancellationToken ct)
    {
        switch (message)
        {
            case IncidentReported e:
            {
                var f = await ReportAsync(e.IncidentId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct);
                var at = Stamp.Normal(e.OccurredAt);
                if (f.ReportedAt is not { } held || at < held) (f.ReportedAt, f.Source, f.ReportedBy) = (at, e.Source, e.ReportedByStaff);
                return true;
            }
            case IncidentRegistered e:
            {
                var f = await ReportAsync(e.IncidentId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct);
                f.RegisteredAt = Earliest(f.RegisteredAt, e.OccurredAt);
                return true;
            }
            case IncidentTransitioned e when Invalidates(e):
            {
                var f = await ReportAsync(e.IncidentId, e.Number, e.OrgPath, e.OccurredAt, messageId, ct);
                if (e.Action == "reject") f.RejectedAt = Earliest(f.RejectedAt, e.OccurredAt);
                else f.MergedAt = Earliest(f.MergedAt, e.OccurredAt);
                return true;
            }
            case GridStaffingChanged e:
            {
                if (e.UserId is not { Length: > 0 } user) return true;
                var at = Stamp.Normal(e.OccurredAt);
                if (await FindAsync<StaffingChange>(ct, e.GridCode, e.Post, user, e.Change, at) is null)
                    db.Set<StaffingChange>().Add(new StaffingChange
                    {
                        GridCode = e.GridCode, Post = e.Post, UserId = user, Change = e.Change, At = at, OrgPath = await now(e.OrgPath, ct),
                    });
                return true;
            }
            case CameraRegistered e:
                await CameraAsync(e.DeviceId, e.GridCode, e.OrgPath, e.OccurredAt, messageId, ct);
                return true;
            case CameraWentOffline e:
                await CameraAsync(e.DeviceId, e.GridCode, e.OrgPath, e.OccurredAt, messageId, ct);
                await StatusAsync(e.DeviceId, e.OccurredAt, online: false, ct);
                return true;
            case CameraRetired e:
            {
                var f = await CameraAsync(e.DeviceId, e.GridCode, e.OrgPath, e.OccurredAt, messageId, ct);
                var at = Stamp.Normal(e.OccurredAt);
                if (Stamp.Wins(at, messageId, f.RetiredAt, f.RetiredMessage)) (f.RetiredAt, f.RetiredMessage) = (at, messageId);
                return true;
            }
            case CameraCameOnline e:
            {
                var f = await CameraAsync(e.DeviceId, e.GridCode, e.OrgPath, e.OccurredAt, messageId, ct);
                f.FirstOnlineAt = Earliest(f.FirstOnlineAt, e.OccurredAt);
                await StatusAsync(e.DeviceId, e.OccurredAt, online: true, ct);
                return true;
            }
            default:
                return false;
        }
    }

    /// <summary>Replay: empties these facts before folding the log again.</summary>
    public static async Task ClearAsync(AssessmentDb db, CancellationToken ct)
    {
        await db.Set<ReportFact>().ExecuteDeleteAsync(ct);
        await db.Set<StaffingChange>().ExecuteDeleteAsync(ct);
        await db.Set<CameraStatusChange>().ExecuteDeleteAsync(ct);
        await db.Set<CameraFact>().ExecuteDeleteAsync(ct);
    }

    /// <summary>Replay: the batch's existing rows, one query per table, so the fold looks rows up in the change tracker only.</summary>
    public static async Task PreloadAsync(AssessmentDb db, IReadOnlyList<AssessmentEvent> batch, CancellationToken ct)
    {
        string[] Ids(string kind) => [.. batch.Where(e => e.RecordKind == kind).Select(e => e.RecordId).Distinct()];
        // Only grid's reporting steps fold into reports: a batch of dispatches or closings reads none.
        Guid[] incidents = [.. batch.Where(e => e.RecordKind == "incident" && e.Type is nameof(IncidentReported) or nameof(IncidentRegistered) or nameof(IncidentTransitioned))
            .Select(e => Guid.Parse(e.RecordId)).Distinct()];
        if (incidents.Length > 0) await db.Set<ReportFact>().Where(f => incidents.Contains(f.IncidentId)).LoadAsync(ct);
        var grids = Ids("staffing");
        if (grids.Length > 0) await db.Set<StaffingChange>().Where(f => grids.Contains(f.GridCode)).LoadAsync(ct);
        var cameras = Ids("camera");
        if (cameras.Length > 0)
        {
            await db.Set<CameraFact>().Where(f => cameras.Contains(f.DeviceId)).LoadAsync(ct);
            await db.Set<CameraStatusChange>().Where(f => cameras.Contains(f.DeviceId)).LoadAsync(ct);
        }
    }

    private async Task<ReportFact> ReportAsync(Guid id, string number, string orgPath, DateTime occurredAt, Guid messageId, CancellationToken ct)
    {
        var f = await FindAsync<ReportFact>(ct, id);
        if (f is null) db.Set<ReportFact>().Add(f = new ReportFact { IncidentId = id });
        else f.Revision++;
        orgPath = await now(orgPath, ct);
        var at = Stamp.Normal(occurredAt);
        if (Stamp.Wins(at, messageId, f.OrgAt, f.OrgMessage)) (f.Number, f.OrgPath, f.OrgAt, f.OrgMessage) = (number, orgPath, at, messageId);
        return f;
    }

    private async Task<CameraFact> CameraAsync(string deviceId, string gridCode, string orgPath, DateTime occurredAt, Guid messageId, CancellationToken ct)
    {
        var at = Stamp.Normal(occurredAt);
        var f = await FindAsync<CameraFact>(ct, deviceId);
        if (f is null) db.Set<CameraFact>().Add(f = new CameraFact { DeviceId = deviceId, KnownSince = at });
        else f.Revision++;
        if (at < f.KnownSince) f.KnownSince = at;
        orgPath = await now(orgPath, ct);
        if (Stamp.Wins(at, messageId, f.OrgAt, f.OrgMessage)) (f.GridCode, f.OrgPath, f.OrgAt, f.OrgMessage) = (gridCode, orgPath, at, messageId);
        return f;
    }

    private async Task StatusAsync(string deviceId, DateTime occurredAt, bool online, CancellationToken ct)
    {
        var at = Stamp.Normal(occurredAt);
        if (await FindAsync<CameraStatusChange>(ct, deviceId, at, online) is null)
            db.Set<CameraStatusChange>().Add(new CameraStatusChange { DeviceId = deviceId, At = at, Online = online });
    }

    private static DateTime Earliest(DateTime? held, DateTime occurredAt)
    {
        var at = Stamp.Normal(occurredAt);
        return held is { } h && h <= at ? h : at;
    }

    private async ValueTask<T?> FindAsync<T>(CancellationToken ct, params object[] key) where T : class =>
        preloaded ? db.Set<T>().Local.FindEntryUntyped(key)?.Entity : await db.Set<T>().FindAsync(key, ct);
}
