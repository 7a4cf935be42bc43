using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Access;

/// <summary>
/// The access log for auditors: <c>GET /api/population/access-log</c>, the reads of persons within the
/// subtrees of the auditor's posts carrying population.audit.read, newest first. Reading it is not
/// itself a read of anyone's record: it holds ids, codes and field names, never a person's data.
/// </summary>
public static class AccessLogApi
{
    public sealed record PersonReadView(long Id, Guid? PersonId, string OrgPath, string Reader, string? ReaderClient, DateTime At,
        string Action, IReadOnlyList<string> Fields, string? Purpose, string? PurposeNote, string Channel);

    public static IEndpointRouteBuilder MapAccessLogApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/population/access-log", List).ProducesRefusals(400, 403);
        return app;
    }

    private static async Task<Ok<List<PersonReadView>>> List(HttpContext http, PopulationDb db, RolePermissions permissions,
        Guid? person, string? reader, DateTime? from, DateTime? to, int? limit, long? before, CancellationToken ct)
    {
        var size = limit ?? 100;
        if (size is < 1 or > 1000) throw DomainException.Invalid("limit", "The limit must be 1 to 1000.");
        var subtrees = await permissions.PermittedSubtreesAsync(http.Caller(), PopulationPermissions.AuditRead, ct);
        var query = db.PersonReads.AsNoTracking().WithinAnySubtree(subtrees, r => r.OrgPath);
        if (person is { } p) query = query.Where(r => r.PersonId == p);
        if (!string.IsNullOrEmpty(reader)) query = query.Where(r => r.Reader == reader);
        if (from is { } f) query = query.Where(r => r.At >= f.ToUniversalTime());
        if (to is { } t) query = query.Where(r => r.At < t.ToUniversalTime());
        // Ids grow with time: the page token is the last id given.
        if (before is { } b) query = query.Where(r => r.Id < b);
        var rows = await query.OrderByDescending(r => r.Id).Take(size).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(r => new PersonReadView(r.Id, r.PersonId, r.OrgPath, r.Reader, r.ReaderClient, r.At, r.Action,
            r.Fields.Length == 0 ? [] : r.Fields.Split(','), r.Purpose, r.PurposeNote, r.Channel)).ToList());
    }
}
