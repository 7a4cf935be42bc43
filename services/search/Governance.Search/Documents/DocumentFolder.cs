using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Governance.Contracts.Population;
using Governance.Contracts.VideoAlert;
using Governance.Messaging.OrgPaths;
using Governance.Search.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Search.Documents;

/// <summary>
/// Folds one event into its record's <see cref="SearchDocument"/>. Any order and any number of deliveries end in the
/// same row: fields an event owns are set from it; the state follows the latest event (the earlier one arriving late
/// changes nothing); the record's time is its earliest event's; words only accumulate. Only ids, codes and names of
/// places come in (the events carry nothing else): no person's data, no care case, ever. An incident's own words come
/// later from grid (<see cref="Details.IncidentDetailsFetcher"/>), its personal numbers masked.
/// </summary>
public sealed class DocumentFolder(SearchDb db)
{
    /// <summary>Ids <see cref="PrepareAsync"/> found no row for: their first event creates it without asking again.</summary>
    private readonly HashSet<string> _absent = new(StringComparer.Ordinal);

    /// <summary>Org paths <see cref="PrepareAsync"/> found no move of: they need no look-up in the moves log.</summary>
    private HashSet<string> _current = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads the rows of a batch's records (tracked) and which of its org paths were moved, in two round trips, before
    /// the batch's events are folded one by one without asking the database again (the batch is saved once). Before,
    /// each event read its row, looked its path up in the moves log and was saved on its own: about six and a half round
    /// trips per record, so the fold fell behind at a few dozen events per second on a loaded database. An event of a
    /// kind this does not know is folded as before (its row read when it comes).
    /// </summary>
    public async Task PrepareAsync(IEnumerable<object> messages, CancellationToken ct)
    {
        var keys = messages.Select(KeyOf).OfType<(string Id, string OrgPath)>().ToList();
        var ids = keys.Select(k => k.Id).Distinct(StringComparer.Ordinal).ToList();
        var found = (await db.Documents.Where(d => ids.Contains(d.Id)).ToListAsync(ct)).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        _absent.UnionWith(ids.Where(id => !found.Contains(id)));
        _current = await OrgMoves.CurrentOfAsync(db, keys.Select(k => k.OrgPath), ct);
    }

    /// <summary>The document id and org path an event is about, as <see cref="FoldAsync"/> reads them; null for an event it does not know.</summary>
    private static (string Id, string OrgPath)? KeyOf(object message) => message switch
    {
        IncidentReported e => (RecordTypes.DocumentId(RecordTypes.Incident, e.IncidentId.ToString()), e.OrgPath),
        IncidentTransitioned e => (RecordTypes.DocumentId(RecordTypes.Incident, e.IncidentId.ToString()), e.OrgPath),
        DisputeRegistered e => (RecordTypes.DocumentId(RecordTypes.Dispute, e.CaseId.ToString()), e.OrgPath),
        DisputeEscalated e => (RecordTypes.DocumentId(RecordTypes.Dispute, e.CaseId.ToString()), e.OrgPath),
        DisputeSettled e => (RecordTypes.DocumentId(RecordTypes.Dispute, e.CaseId.ToString()), e.OrgPath),
        DisputeMediationFailed e => (RecordTypes.DocumentId(RecordTypes.Dispute, e.CaseId.ToString()), e.OrgPath),
        DisputeDeclined e => (RecordTypes.DocumentId(RecordTypes.Dispute, e.CaseId.ToString()), e.OrgPath),
        DisputeWithdrawn e => (RecordTypes.DocumentId(RecordTypes.Dispute, e.CaseId.ToString()), e.OrgPath),
        DisputeFollowUpDone e => (RecordTypes.DocumentId(RecordTypes.Dispute, e.CaseId.ToString()), e.OrgPath),
        AlertRaised e => (RecordTypes.DocumentId(RecordTypes.Alert, e.AlertId.ToString()), e.OrgPath),
        AlertRouted e => (RecordTypes.DocumentId(RecordTypes.Alert, e.AlertId.ToString()), e.OrgPath),
        AlertAcknowledged e => (RecordTypes.DocumentId(RecordTypes.Alert, e.AlertId.ToString()), e.OrgPath),
        AlertEscalated e => (RecordTypes.DocumentId(RecordTypes.Alert, e.AlertId.ToString()), e.OrgPath),
        CameraRegistered e => (RecordTypes.DocumentId(RecordTypes.Camera, e.DeviceId), e.OrgPath),
        CameraWentOffline e => (RecordTypes.DocumentId(RecordTypes.Camera, e.DeviceId), e.OrgPath),
        CameraCameOnline e => (RecordTypes.DocumentId(RecordTypes.Camera, e.DeviceId), e.OrgPath),
        CameraRetired e => (RecordTypes.DocumentId(RecordTypes.Camera, e.DeviceId), e.OrgPath),
        GridCellCreated e => (RecordTypes.DocumentId(RecordTypes.Grid, e.Code), e.OrgPath),
        GridCellChanged e => (RecordTypes.DocumentId(RecordTypes.Grid, e.Code), e.OrgPath),
        HouseRegistered e => (RecordTypes.DocumentId(RecordTypes.House, e.HouseId.ToString()), e.OrgPath),
        RentalGradeChanged e => (RecordTypes.DocumentId(RecordTypes.House, e.HouseId.ToString()), e.OrgPath),
        _ => null,
    };

    public async Task FoldAsync(object message, CancellationToken ct)
    {
        switch (message)
        {
            case IncidentReported e:
                var incident = await DocAsync(RecordTypes.Incident, e.IncidentId.ToString(), e.OrgPath, e.OccurredAt, ct);
                if (incident.Details.Length == 0) (incident.Title, incident.DetailsWanted) = ($"事件 {e.Number}", true);
                incident.Category = e.Category;
                incident.Grid = e.GridCode;
                State(incident, "reported", e.OccurredAt);
                Words(incident, e.Number, e.Category, e.Source, e.Urgency, e.GridCode);
                break;
            case IncidentTransitioned e:
                var moved = await DocAsync(RecordTypes.Incident, e.IncidentId.ToString(), e.OrgPath, e.OccurredAt, ct);
                if (moved.Title.Length == 0) (moved.Title, moved.DetailsWanted) = ($"事件 {e.Number}", true);
                State(moved, e.ToState, e.OccurredAt);
                Words(moved, e.Number);
                break;
            case DisputeRegistered e:
                var dispute = await DocAsync(RecordTypes.Dispute, e.CaseId.ToString(), e.OrgPath, e.OccurredAt, ct);
                dispute.Title = $"矛盾纠纷 {e.Number}";
                dispute.Category = e.Category;
                State(dispute, "registered", e.OccurredAt);
                Words(dispute, e.Number, e.Category, e.Source, e.Risk, e.Level);
                break;
            case DisputeEscalated e: await DisputeStateAsync(e.CaseId, e.Number, e.OrgPath, "escalated", e.OccurredAt, ct, e.ToLevel); break;
            case DisputeSettled e: await DisputeStateAsync(e.CaseId, e.Number, e.OrgPath, e.Partial ? "partially_settled" : "settled", e.OccurredAt, ct, e.Level); break;
            case DisputeMediationFailed e: await DisputeStateAsync(e.CaseId, e.Number, e.OrgPath, e.Escalated ? "escalated" : "failed", e.OccurredAt, ct, e.ReferredTo); break;
            case DisputeDeclined e: await DisputeStateAsync(e.CaseId, e.Number, e.OrgPath, "declined", e.OccurredAt, ct, e.Reason); break;
            case DisputeWithdrawn e: await DisputeStateAsync(e.CaseId, e.Number, e.OrgPath, "withdrawn", e.OccurredAt, ct, e.Reason); break;
            case DisputeFollowUpDone e: await DisputeStateAsync(e.CaseId, e.Number, e.OrgPath, "followed_up", e.OccurredAt, ct); break;
            case AlertRaised e:
                var alert = await DocAsync(RecordTypes.Alert, e.AlertId.ToString(), e.OrgPath, e.OccurredAt, ct);
                alert.Title = $"视频告警 {e.DeviceId}";
                alert.Category = e.Kind;
                alert.Grid = e.GridCode;
                State(alert, "open", e.OccurredAt);
                Words(alert, e.DeviceId, e.Kind, e.GridCode);
                break;
            case AlertRouted e: await AlertStateAsync(e.AlertId, e.DeviceId, e.OrgPath, "routed", e.OccurredAt, ct); break;
            case AlertAcknowledged e: await AlertStateAsync(e.AlertId, e.DeviceId, e.OrgPath, "acknowledged", e.OccurredAt, ct); break; // who acknowledged is not kept
            case AlertEscalated e: await AlertStateAsync(e.AlertId, e.DeviceId, e.OrgPath, "escalated", e.OccurredAt, ct); break;
            case CameraRegistered e:
                var camera = await DocAsync(RecordTypes.Camera, e.DeviceId, e.OrgPath, e.OccurredAt, ct);
                camera.Title = $"摄像机 {e.DeviceId}";
                camera.Grid = e.GridCode;
                camera.Category = e.Owner;
                State(camera, "registered", e.OccurredAt);
                Words(camera, e.DeviceId, e.Owner, e.GridCode, e.KeyArea ? "重点区域" : null);
                break;
            case CameraWentOffline e: await CameraStateAsync(e.DeviceId, e.GridCode, e.OrgPath, "offline", e.OccurredAt, ct); break;
            case CameraCameOnline e: await CameraStateAsync(e.DeviceId, e.GridCode, e.OrgPath, "online", e.OccurredAt, ct); break;
            // A camera taken down stays findable (its alerts name it), marked retired: the registry's last word on it.
            case CameraRetired e:
                await CameraStateAsync(e.DeviceId, e.GridCode, e.OrgPath, "retired", e.OccurredAt, ct);
                Words(await DocAsync(RecordTypes.Camera, e.DeviceId, e.OrgPath, e.OccurredAt, ct), "已撤除");
                break;
            case GridCellCreated e: await GridAsync(e.Code, e.OrgPath, e.Name, e.Type, e.OccurredAt, ct); break;
            case GridCellChanged e: await GridAsync(e.Code, e.OrgPath, e.Name, e.Type, e.OccurredAt, ct); break;
            case HouseRegistered e:
                var house = await DocAsync(RecordTypes.House, e.HouseId.ToString(), e.OrgPath, e.OccurredAt, ct);
                house.Title = $"房屋 {e.Code}";
                house.Category = e.Kind;
                house.Grid = e.GridCode;
                State(house, "registered", e.OccurredAt);
                Words(house, e.Code, e.Kind, e.GridCode);
                break;
            case RentalGradeChanged e:
                var rental = await DocAsync(RecordTypes.House, e.HouseId.ToString(), e.OrgPath, e.OccurredAt, ct);
                Words(rental, "出租房屋", "rental", e.Grade);
                break;
            default:
                throw new InvalidOperationException($"Search folds no {message.GetType().Name}.");
        }
    }

    private async Task DisputeStateAsync(Guid caseId, string number, string orgPath, string state, DateTime at, CancellationToken ct, string? word = null)
    {
        var doc = await DocAsync(RecordTypes.Dispute, caseId.ToString(), orgPath, at, ct);
        if (doc.Title.Length == 0) doc.Title = $"矛盾纠纷 {number}";
        State(doc, state, at);
        Words(doc, number, word);
    }

    private async Task AlertStateAsync(Guid alertId, string deviceId, string orgPath, string state, DateTime at, CancellationToken ct)
    {
        var doc = await DocAsync(RecordTypes.Alert, alertId.ToString(), orgPath, at, ct);
        if (doc.Title.Length == 0) doc.Title = $"视频告警 {deviceId}";
        State(doc, state, at);
        Words(doc, deviceId);
    }

    private async Task CameraStateAsync(string deviceId, string grid, string orgPath, string state, DateTime at, CancellationToken ct)
    {
        var doc = await DocAsync(RecordTypes.Camera, deviceId, orgPath, at, ct);
        if (doc.Title.Length == 0) doc.Title = $"摄像机 {deviceId}";
        doc.Grid ??= grid;
        State(doc, state, at);
        Words(doc, deviceId, grid);
    }

    private async Task GridAsync(string code, string orgPath, string name, string type, DateTime at, CancellationToken ct)
    {
        var doc = await DocAsync(RecordTypes.Grid, code, orgPath, at, ct);
        // The name is the grid's own and may change: the latest event's wins.
        if (at >= doc.StatusAt)
        {
            doc.Title = name;
            doc.Category = type;
            State(doc, "active", at);
        }
        doc.Grid = code;
        Words(doc, code, type);
    }

    /// <summary>The record's row (created on its first event, whichever that is), marked for the indexer.</summary>
    private async Task<SearchDocument> DocAsync(string type, string recordId, string orgPath, DateTime at, CancellationToken ct)
    {
        var id = RecordTypes.DocumentId(type, recordId);
        // Find answers a row read or added in this transaction from the change tracker, without a round trip.
        var doc = _absent.Remove(id) ? null : await db.Documents.FindAsync([id], ct);
        if (doc is null)
        {
            doc = new SearchDocument { Id = id, Type = type, RecordId = recordId, OrgPath = orgPath, Time = at, StatusAt = DateTime.MinValue, LastEventAt = at };
            db.Documents.Add(doc);
        }
        if (at < doc.Time) doc.Time = at;
        if (at >= doc.LastEventAt)
        {
            doc.LastEventAt = at;
            // Where the record lies now: the latest event says, taken through identity's moves logged here (a producer
            // may publish the old path for a moment after a move, and a late event carries the path of its time).
            doc.OrgPath = _current.Contains(orgPath) ? orgPath : await OrgMoves.FollowMovesAsync(db, orgPath, ct);
        }
        SearchDocument.MarkPending(db.Entry(doc), DateTime.UtcNow);
        return doc;
    }

    private static void State(SearchDocument doc, string state, DateTime at)
    {
        if (at < doc.StatusAt) return;
        doc.Status = state;
        doc.StatusAt = at;
    }

    private static void Words(SearchDocument doc, params string?[] codes)
    {
        var words = doc.Words.ToList();
        foreach (var word in codes.SelectMany(Labels.Of))
            if (!words.Contains(word)) words.Add(word);
        doc.Words = words; // a new list, so the change tracker sees the column change
        ComposeText(doc);
    }

    /// <summary>The indexed text: the labels of its type and state, its words, then the details fetched from its service.</summary>
    internal static void ComposeText(SearchDocument doc)
    {
        var text = string.Join(' ', Labels.Of(doc.Type).Concat(Labels.Of(doc.Status)).Concat(doc.Words).Append(doc.Details).Where(w => w.Length > 0).Distinct());
        doc.Text = text.Length > 4000 ? text[..4000] : text;
    }
}
