using Governance.Contracts.Grid;
using Governance.Grid.Coordinates;
using Governance.Grid.Lookup;
using Governance.Messaging.OrgPaths;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Incidents.IncidentInput;

namespace Governance.Grid.Incidents;

/// <summary>
/// The closed loop (DOMAIN.md): reported → registered (立案) or rejected → dispatched → accepted →
/// handled (with feedback) → verified (核查; a failure sends it back for re-dispatch) → closed (结案)
/// → evaluated. The departments' steps (dispatch, accept, feedback, return, re-dispatch) are
/// <see cref="Dispatch.DepartmentSteps"/>. Each step checks the caller's permission and org scope,
/// refuses a step the state does not allow with the rule's name, and commits state, timeline line
/// and events together.
/// </summary>
public sealed class IncidentWorkflow(IncidentLedger ledger, GridLocator locator, RolePermissions permissions, DuplicateFinder duplicates)
{
    public sealed record Reported(Incident Incident, IReadOnlyList<Incident> PossibleDuplicates)
    {
        /// <summary>The incident a report with the same request id opened before: nothing was written now.</summary>
        public bool Replayed { get; init; }
    }

    /// <summary>
    /// A staff member or a system reports (patrol, hotline intake, a department, video-alert): needs <c>incident.report</c>
    /// where the point lies. With a <c>requestId</c>, the same caller's same id again answers the incident it opened
    /// (<see cref="Reported.Replayed"/>), whatever else the retry says, so a system retrying after a lost answer opens one incident.
    /// </summary>
    public async Task<Reported> ReportAsync(Caller caller, ReportRequest request, CancellationToken ct)
    {
        var source = Source(request.Source);
        if (source == IncidentSource.Citizen)
            throw DomainException.Invalid("source", "Citizens report through Open311 (/open311/v2/requests); staff report patrol, hotline, video_alert or department.");
        var requestId = RequestId(request.RequestId);
        if (requestId is not null && await ReportedBeforeAsync(caller.Subject, requestId, ct) is { } earlier) return earlier;
        var (incident, found) = await NewAsync(source, request, caller.Subject, ct, requestId);
        await permissions.EnsurePermittedAsync(caller, "incident.report", OrgPath.Parse(incident.OrgPath), ct);
        try
        {
            return await FileAsync(incident, await duplicates.VisibleToAsync(caller, found, ct), caller.Subject, request.Attachments, caller, ct);
        }
        catch (DbUpdateException e) when (requestId is not null && e.IsUniqueViolation())
        {
            // The same report's other attempt committed first: answer its incident.
            ledger.Db.ChangeTracker.Clear();
            if (await ReportedBeforeAsync(caller.Subject, requestId, ct) is { } first) return first;
            throw;
        }
    }

    private async Task<Reported?> ReportedBeforeAsync(string reportedBy, string requestId, CancellationToken ct) =>
        await ledger.Db.Incidents.AsNoTracking().Include(i => i.Timeline).FirstOrDefaultAsync(i => i.ReportedBy == reportedBy && i.ReportRequestId == requestId, ct)
            is { } incident ? new Reported(incident, []) { Replayed = true } : null;

    /// <summary>
    /// A citizen's report through an Open311 client (<paramref name="client"/>, authenticated by its
    /// api_key, is the actor staff see); <paramref name="reportedBy"/> ties it to the app's account.
    /// </summary>
    public async Task<Reported> ReportFromCitizenAsync(string client, string reportedBy, ReportRequest request, CancellationToken ct)
    {
        var (incident, found) = await NewAsync(IncidentSource.Citizen, request, reportedBy, ct);
        return await FileAsync(incident, found, client, request.Attachments, reporter: null, ct);
    }

    public async Task<Incident> RegisterAsync(Caller caller, Guid id, string? category, string? urgency, string? note, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await EnsureAsync(caller, "incident.register", incident.ResponsibleOrgPath, ct);
        Require(incident, IncidentState.Reported, "RegisterNeedsReportedIncident", "registered");
        if (!string.IsNullOrEmpty(category)) incident.Category = await CategoryAsync(category, ct);
        incident.Urgency = Urgency(urgency, incident.Urgency);
        ledger.Move(incident, caller.Subject, "register", IncidentState.Registered, Note(note));
        ledger.Db.AddToOutbox(new IncidentRegistered(incident.Id, incident.Number, incident.Category, UrgencyName(incident.Urgency), incident.OrgPath, ledger.Now), incident.Id.ToString());
        return await NextStepAsync(incident, ct);
    }

    public async Task<Incident> RejectAsync(Caller caller, Guid id, string? reason, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await EnsureAsync(caller, "incident.register", incident.ResponsibleOrgPath, ct);
        Require(incident, IncidentState.Reported, "RejectNeedsReportedIncident", "rejected");
        ledger.Move(incident, caller.Subject, "reject", IncidentState.Rejected, Note(reason, "reason", required: true));
        return await NextStepAsync(incident, ct);
    }

    /// <summary>核查: the grid or centre checks on site. A failure sends the incident back to be dispatched again.</summary>
    public async Task<Incident> VerifyAsync(Caller caller, Guid id, bool passed, string? note, IReadOnlyList<Attachment>? attachments, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await EnsureAsync(caller, "incident.verify", incident.OrgPath, ct);
        Require(incident, IncidentState.Handled, "VerifyNeedsHandledIncident", "verified");
        if (passed)
            ledger.Move(incident, caller.Subject, "verify", IncidentState.Verified, Note(note), Attachments(attachments));
        else
        {
            incident.Reworks++;
            ledger.Move(incident, caller.Subject, "verify-failed", IncidentState.Registered, Note(note, "note", required: true), Attachments(attachments));
        }
        return await NextStepAsync(incident, ct);
    }

    public async Task<Incident> CloseAsync(Caller caller, Guid id, string? note, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        await EnsureAsync(caller, "incident.close", incident.ResponsibleOrgPath, ct);
        Require(incident, IncidentState.Verified, "CloseNeedsVerifiedIncident", "closed");
        incident.ClosedAt = ledger.Now;
        ledger.Move(incident, caller.Subject, "close", IncidentState.Closed, Note(note));
        ledger.Db.AddToOutbox(new IncidentClosed(incident.Id, incident.Number, incident.OrgPath, incident.DepartmentId, !incident.WasOverdue,
            incident.Reworks, incident.Extensions, ledger.Now), incident.Id.ToString());
        return await NextStepAsync(incident, ct);
    }

    /// <summary>The reporter (or the centre on their behalf) says how satisfied they are, 1 to 5.</summary>
    public async Task<Incident> EvaluateAsync(Caller caller, Guid id, int? satisfaction, string? note, CancellationToken ct)
    {
        var incident = await ledger.LoadAsync(id, ct);
        if (caller.Subject != incident.ReportedBy) await EnsureAsync(caller, "incident.close", incident.ResponsibleOrgPath, ct);
        return await EvaluateCoreAsync(incident, caller.Subject, satisfaction, note, ct);
    }

    internal async Task<Incident> EvaluateCoreAsync(Incident incident, string actor, int? satisfaction, string? note, CancellationToken ct)
    {
        Require(incident, IncidentState.Closed, "EvaluateNeedsClosedIncident", "evaluated");
        if (satisfaction is not (>= 1 and <= 5)) throw DomainException.Invalid("satisfaction", "The satisfaction must be 1 (very dissatisfied) to 5 (very satisfied).");
        incident.Satisfaction = satisfaction;
        ledger.Move(incident, actor, "evaluate", IncidentState.Evaluated, Note(note));
        ledger.Db.AddToOutbox(new IncidentEvaluated(incident.Id, incident.Number, incident.OrgPath, satisfaction.Value, actor, ledger.Now), incident.Id.ToString());
        return await NextStepAsync(incident, ct);
    }

    private async Task<(Incident Incident, IReadOnlyList<Incident> Duplicates)> NewAsync(IncidentSource source, ReportRequest request, string reportedBy,
        CancellationToken ct, string? requestId = null)
    {
        var category = await CategoryAsync(request.Category, ct);
        var urgency = Urgency(request.Urgency);
        var title = Title(request.Title);
        var description = Text(request.Description, "description", 4000);
        var address = Text(request.Address, "address", 200);
        var sent = SentPoint.Read(request.CoordinateSystem, Location(request.Latitude, request.Longitude));
        var (lat, lng) = sent.Wgs84;
        var grid = await locator.LocateCurrentAsync(ledger.Db, lat, lng, ct)
            ?? throw DomainException.Invalid("location", $"The point ({lat}, {lng}) lies in no grid: it is outside the area this platform serves.");
        var now = ledger.Now;
        var incident = new Incident
        {
            Number = "", Source = source, Category = category, Urgency = urgency, Title = title, Description = description,
            Latitude = lat, Longitude = lng, SentCoordinateSystem = sent.SystemName, SentLatitude = sent.Latitude, SentLongitude = sent.Longitude, Address = address, GridCode = grid.Code, OrgPath = grid.OrgPath,
            ResponsibleOrgPath = grid.OrgPath[..grid.OrgPath.LastIndexOf('/')], State = IncidentState.Reported,
            ReportedBy = reportedBy, ReportRequestId = requestId, ReportedAt = now, UpdatedAt = now,
        };
        return (incident, await duplicates.FindAsync(incident, ct));
    }

    /// <remarks>
    /// The point's path was brought through the move log when it was located, but a move may commit between
    /// that and this insert. In the insert's transaction, holding org events off
    /// (<see cref="OrgMoves.HoldOffMovesAsync"/>), the path is brought through the log again: a move committed
    /// first is applied to the report, and one committing after it waits, then rewrites the stored report.
    /// Either way the report never lands at a moved-away path. A staff reporter's permission is checked again
    /// at a path that changed.
    /// </remarks>
    private async Task<Reported> FileAsync(Incident incident, IReadOnlyList<Incident> found, string actor, IReadOnlyList<Attachment>? attachments,
        Caller? reporter, CancellationToken ct)
    {
        var attached = Attachments(attachments);
        // Numbered only once the report is known to be good: a refused report leaves no gap.
        incident.Number = await IncidentCounter.NextAsync(ledger.Db, incident.ReportedAt, ct);
        var located = incident.OrgPath;
        await ledger.Db.SaveInOneTransactionAsync(async attempt =>
        {
            await OrgMoves.HoldOffMovesAsync(ledger.Db, attempt);
            var path = await OrgMoves.FollowMovesAsync(ledger.Db, located, attempt);
            (incident.OrgPath, incident.ResponsibleOrgPath) = (path, path[..path.LastIndexOf('/')]);
            if (path != located && reporter is not null)
                await permissions.EnsurePermittedAsync(reporter, "incident.report", OrgPath.Parse(path), attempt);
            ledger.Db.Incidents.Add(incident);
            ledger.Db.IncidentSteps.Add(new IncidentStep
            {
                IncidentId = incident.Id, At = incident.ReportedAt, Actor = actor, Action = "report", FromState = "", ToState = "reported", Attachments = attached,
            });
            ledger.Db.AddToOutbox(new IncidentTransitioned(incident.Id, incident.Number, "report", "", "reported", incident.OrgPath, incident.ReportedAt),
                incident.Id.ToString());
            ledger.Db.AddToOutbox(new IncidentReported(incident.Id, incident.Number, SourceName(incident.Source), incident.Category, UrgencyName(incident.Urgency),
                incident.GridCode, incident.OrgPath, incident.ReportedAt, incident.Source == IncidentSource.Citizen ? null : incident.ReportedBy), incident.Id.ToString());
            await ledger.StartStepAsync(incident, attempt);
        }, ct);
        return new Reported(incident, found);
    }

    private async Task<Incident> NextStepAsync(Incident incident, CancellationToken ct)
    {
        await ledger.StartStepAsync(incident, ct);
        await ledger.SaveAsync(incident, ct);
        return incident;
    }

    private async Task<string> CategoryAsync(string? code, CancellationToken ct) =>
        code is not null && await ledger.Db.Categories.AnyAsync(c => c.Code == code, ct)
            ? code
            : throw DomainException.Invalid("category", $"The category '{code}' is not one of the platform's categories (GET /api/grid/categories).");

    private Task EnsureAsync(Caller caller, string permission, string orgPath, CancellationToken ct) =>
        permissions.EnsurePermittedAsync(caller, permission, OrgPath.Parse(orgPath), ct);

    internal static void Require(Incident incident, IncidentState state, string rule, string verb)
    {
        if (incident.State != state)
            throw DomainException.RuleViolated(rule,
                $"Only a {IncidentLedger.Name(state)} incident can be {verb}; incident {incident.Number} is {IncidentLedger.Name(incident.State)}.");
    }
}
