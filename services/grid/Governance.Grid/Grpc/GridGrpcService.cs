using System.Text;
using Governance.Contracts.Grid.V1;
using Governance.Grid.Data;
using Governance.Grid.Dispatch;
using Governance.Grid.Incidents;
using Governance.Grid.Lookup;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Grpc.GridProto;
using GridLocation = Governance.Contracts.Grid.V1.GridLocation;
using Incident = Governance.Contracts.Grid.V1.Incident;

namespace Governance.Grid.Grpc;

/// <summary>
/// <c>governance.grid.v1.GridService</c>: the look-ups, the centre's dispatch and the department's part
/// of the closed loop for departments' systems. Every rule lives in <see cref="IncidentWorkflow"/>,
/// <see cref="DepartmentSteps"/>, <see cref="IncidentCoordination"/> and the REST API's visibility check; refusals are
/// <see cref="DomainException"/>s, which the platform's DomainStatusInterceptor maps to statuses (rule names first).
/// </summary>
public sealed partial class GridGrpcService(
    GridDb db, GridLocator locator, RolePermissions permissions, IncidentWorkflow workflow, IncidentCoordination coordination, DepartmentSteps departments,
    DispatchFanOut fanOut)
    : GridService.GridServiceBase
{
    private const int DefaultPageSize = 50, MaxPageSize = 200;

    public override async Task<GridLocation> LocateGrid(LocateGridRequest request, ServerCallContext context)
    {
        var (lat, lng) = IncidentInput.Location(request.Latitude, request.Longitude);
        var location = await locator.LocateAsync(lat, lng, context.CancellationToken)
            ?? throw DomainException.NotFound($"The point ({lat}, {lng}) lies in no grid.");
        return ToProto(location);
    }

    public override async Task<Contracts.Grid.V1.Grid> GetGrid(GetGridRequest request, ServerCallContext context)
    {
        if (request.Code.Length != 15 || !request.Code.All(char.IsAsciiDigit))
            throw DomainException.Invalid("code", $"The code '{request.Code}' is not a grid code of 15 digits (county 6, street 3, community 3, sequence 3).");
        var cell = await db.Cells.AsNoTracking().FirstOrDefaultAsync(c => c.Code == request.Code, context.CancellationToken);
        // Out of reach reads as absent, as over REST.
        if (cell is null || !await permissions.IsPermittedAsync(context.GetHttpContext().Caller(), "grid.read", OrgPath.Parse(cell.OrgPath), context.CancellationToken))
            throw DomainException.NotFound($"No grid {request.Code} within your reach.");
        return ToProto(cell);
    }

    public override async Task<ReportIncidentResponse> ReportIncident(ReportIncidentRequest request, ServerCallContext context)
    {
        var (incident, duplicates) = await workflow.ReportAsync(context.GetHttpContext().Caller(), new ReportRequest(
            request.Source, Empty(request.Category), Empty(request.Urgency), request.Title, Empty(request.Description),
            request.Latitude, request.Longitude, Empty(request.Address), FromProto(request.Attachments), Empty(request.CoordinateSystem),
            Empty(request.RequestId)), context.CancellationToken);
        var reply = new ReportIncidentResponse { Incident = ToProto(incident) };
        reply.PossibleDuplicates.AddRange(duplicates.Select(ToProto));
        return reply;
    }

    public override async Task<ListAssignedIncidentsResponse> ListAssignedIncidents(ListAssignedIncidentsRequest request, ServerCallContext context)
    {
        var ct = context.CancellationToken;
        var department = await DepartmentAsync(context.GetHttpContext().Caller(), ct);
        if (request.PageSize is < 0 or > MaxPageSize) throw DomainException.Invalid("page_size", $"The page size must be 1 to {MaxPageSize} (0 means {DefaultPageSize}).");
        var size = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var query = db.Incidents.AsNoTracking().LedOrAssistedBy(db, department);
        if (request.State.Length > 0)
        {
            var state = IncidentInput.State(request.State);
            query = query.Where(i => i.State == state);
        }
        // Numbers are unique and grow with time: newest first, and the page token is the last number given.
        if (DecodeToken(request.PageToken) is { } after) query = query.Where(i => string.Compare(i.Number, after) < 0);
        var page = await query.OrderByDescending(i => i.Number).Take(size + 1).ToListAsync(ct);
        var reply = new ListAssignedIncidentsResponse();
        reply.Incidents.AddRange(page.Take(size).Select(ToProto));
        if (page.Count > size) reply.NextPageToken = Convert.ToBase64String(Encoding.UTF8.GetBytes(page[size - 1].Number));
        return reply;
    }

    public override async Task<Incident> AcceptIncident(AcceptIncidentRequest request, ServerCallContext context) =>
        ToProto(await departments.AcceptAsync(context.GetHttpContext().Caller(), IncidentId(request.IncidentId), request.Note, context.CancellationToken));

    public override async Task<Incident> SubmitFeedback(SubmitFeedbackRequest request, ServerCallContext context) =>
        ToProto(await departments.SubmitFeedbackAsync(context.GetHttpContext().Caller(), IncidentId(request.IncidentId), request.Note,
            FromProto(request.Attachments), context.CancellationToken));

    public override async Task<Incident> RequestExtension(RequestExtensionRequest request, ServerCallContext context) =>
        ToProto(await coordination.RequestExtensionAsync(context.GetHttpContext().Caller(), IncidentId(request.IncidentId),
            request.Until?.ToDateTime(), request.Reason, context.CancellationToken));

    public override async Task<GetTimelineResponse> GetTimeline(GetTimelineRequest request, ServerCallContext context)
    {
        var id = IncidentId(request.IncidentId);
        var ct = context.CancellationToken;
        await IncidentsApi.VisibleAsync(context.GetHttpContext(), db, permissions, id, ct);
        var steps = await db.IncidentSteps.AsNoTracking().Where(s => s.IncidentId == id).OrderBy(s => s.Id).ToListAsync(ct);
        var reply = new GetTimelineResponse();
        reply.Steps.AddRange(steps.Select(s => ToProto(StepView.From(s))));
        return reply;
    }

    /// <summary>The caller's department, for the department's reads: needs <c>incident.read</c> and a department in the token.</summary>
    private async Task<string> DepartmentAsync(Caller caller, CancellationToken ct)
    {
        if (!await permissions.PermitsAsync(caller.Roles, "incident.read", ct))
            throw DomainException.Forbidden("This needs the permission 'incident.read', which none of your roles carries.");
        return caller.Department ?? throw DomainException.Forbidden("Your token names no department (dept), so no incident is assigned to you.");
    }

    private static string? DecodeToken(string token)
    {
        if (token.Length == 0) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw DomainException.Invalid("page_token", "The page token is not one this service gave out.");
        }
    }
}
