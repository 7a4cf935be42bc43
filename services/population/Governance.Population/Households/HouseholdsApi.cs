using Governance.Population.Access;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Population.Households;

/// <summary>
/// The console's REST API for households, under <c>/api/population/households</c>, and a house's households under
/// <c>/api/population/houses/{id}/households</c>. Reading a household's members is a read of each of them (access log).
/// </summary>
public static class HouseholdsApi
{
    public static IEndpointRouteBuilder MapHouseholdsApi(this IEndpointRouteBuilder app)
    {
        var households = app.MapGroup("/api/population/households");
        households.MapPost("", Register).ProducesRefusals(400, 403, 404, 409);
        households.MapGet("/{id:guid}", Get).ProducesRefusals(400, 404);
        households.MapPost("/{id:guid}/members", AddMember).ProducesRefusals(400, 403, 404, 409);
        households.MapPost("/{id:guid}/members/{personId:guid}/leave", Leave).ProducesRefusals(400, 403, 404, 409);
        households.MapPost("/{id:guid}/head", ChangeHead).ProducesRefusals(400, 403, 404, 409);
        app.MapGet("/api/population/houses/{id:guid}/households", OfHouse).ProducesRefusals(404);
        return app;
    }

    private static async Task<Created<HouseholdView>> Register(HttpContext http, HouseholdRegistry households, HouseholdRequest request, CancellationToken ct)
    {
        var household = await households.RegisterAsync(http.Caller(), request, ct);
        var view = await households.ViewAsync(Reading(http, null, null), household, "household", ct);
        return TypedResults.Created($"/api/population/households/{household.Id}", view);
    }

    /// <summary>The household with its members, masked; each shown member's read is logged with the purpose, when stated.</summary>
    private static async Task<Ok<HouseholdView>> Get(HttpContext http, HouseholdRegistry households, Guid id, string? purpose, string? purposeNote, CancellationToken ct) =>
        TypedResults.Ok(await households.GetAsync(Reading(http, purpose, purposeNote), id, ct));

    private static async Task<Results<Created<MemberView>, Ok<MemberView>>> AddMember(HttpContext http, HouseholdRegistry households, Guid id, MemberRequest request,
        CancellationToken ct)
    {
        var (member, created) = await households.AddMemberAsync(http.Caller(), id, request, ct);
        var view = new MemberView(member.PersonId, member.Relation, member.JoinedOn, member.LeftOn, member.LeftReason, null);
        return created ? TypedResults.Created($"/api/population/households/{id}", view) : TypedResults.Ok(view);
    }

    private static async Task<Ok<MemberView>> Leave(HttpContext http, HouseholdRegistry households, Guid id, Guid personId, LeaveRequest request, CancellationToken ct)
    {
        var member = await households.LeaveAsync(http.Caller(), id, personId, request, ct);
        return TypedResults.Ok(new MemberView(member.PersonId, member.Relation, member.JoinedOn, member.LeftOn, member.LeftReason, null));
    }

    /// <summary>Makes a member the head; answers the household as it is now (a read of its members).</summary>
    private static async Task<Ok<HouseholdView>> ChangeHead(HttpContext http, HouseholdRegistry households, Guid id, HeadChangeRequest request, CancellationToken ct)
    {
        await households.ChangeHeadAsync(http.Caller(), id, request, ct);
        return TypedResults.Ok(await households.GetAsync(Reading(http, null, null), id, ct));
    }

    private static async Task<Ok<IReadOnlyList<HouseholdSummary>>> OfHouse(HttpContext http, HouseholdRegistry households, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await households.OfHouseAsync(http.Caller(), id, ct));

    private static PersonAccess.Reading Reading(HttpContext http, string? purpose, string? note) =>
        new(http.Caller(), "rest", AccessPurposes.Check(purpose, note, required: false));
}
