using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Mediation.Figures;

/// <summary>
/// <c>GET /api/mediation/figures?org=632801/001&amp;from=2026-01-01&amp;to=2026-07-01&amp;groupBy=org|month</c>
/// (permission <c>mediation.read</c> over <c>org</c>; <c>org</c> defaults to the caller's node):
/// <code>{ "org": "632801/001", "from": ..., "to": ..., "groupBy": "org", "total": { figures }, "groups": [ { "key": "632801/001/002", figures } ] }</code>
/// </summary>
public static class FiguresApi
{
    public sealed record FiguresView(string Org, DateTime? From, DateTime? To, string? GroupBy, CaseFigures Total, IReadOnlyList<CaseFigures> Groups);

    public static IEndpointRouteBuilder MapFiguresApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/mediation/figures", Get).ProducesRefusals(400);
        return app;
    }

    private static async Task<Ok<FiguresView>> Get(HttpContext http, FiguresQuery figures, string? org, DateTime? from, DateTime? to, string? groupBy, CancellationToken ct)
    {
        OrgPath path;
        if (org is null) path = await DefaultOrgAsync(http);
        else if (!OrgPath.TryParse(org, out path!)) throw DomainException.Invalid("org", $"The org '{org}' is not an org path such as 632801/001.");
        if (from is { } f && to is { } t && f >= t) throw DomainException.Invalid("to", "The period's end (to) must come after its start (from).");
        var grouping = groupBy switch
        {
            null or "" => FiguresGrouping.None,
            "org" => FiguresGrouping.Org,
            "month" => FiguresGrouping.Month,
            _ => throw DomainException.Invalid("groupBy", $"The groupBy '{groupBy}' is not one of: org, month."),
        };
        await http.EnsurePermittedAsync("mediation.read", path);
        var (total, groups) = await figures.ComputeAsync(path, Utc(from), Utc(to), grouping, ct);
        return TypedResults.Ok(new FiguresView(path.Value, from, to, groupBy is null or "" ? null : groupBy, total, groups));
    }

    /// <summary>
    /// The subtree figures cover when the request names none: the one subtree the caller's posts that
    /// carry <c>mediation.read</c> reach (the home org, for a token without posts). Figures add up one
    /// subtree, so a caller whose posts reach several must say which.
    /// </summary>
    private static async Task<OrgPath> DefaultOrgAsync(HttpContext http)
    {
        var caller = http.Caller();
        if (caller.OrgPath is null && caller.Posts.Count == 0) throw DomainException.Invalid("org", "Your token names no org node: give org.");
        var subtrees = await http.PermittedSubtreesAsync("mediation.read");
        return subtrees.Count switch
        {
            1 => subtrees[0],
            0 => caller.OrgPath ?? throw DomainException.Invalid("org", "Your token names no org node: give org."),
            _ => throw DomainException.Invalid("org", $"Your posts reach several subtrees ({string.Join(", ", subtrees)}): give org, one of them or a node inside one."),
        };
    }

    // A date without an offset is read as UTC (Npgsql refuses an unspecified kind for timestamptz).
    private static DateTime? Utc(DateTime? value) => value is { } v
        ? v.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(v, DateTimeKind.Utc) : v.ToUniversalTime()
        : null;
}
