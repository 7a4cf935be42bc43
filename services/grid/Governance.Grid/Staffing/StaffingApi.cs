using Governance.Contracts.Grid;
using Governance.Grid.Cells;
using Governance.Grid.Data;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Governance.ServiceDefaults.Data;

namespace Governance.Grid.Staffing;

/// <summary>A grid's staff under <c>/api/grid/cells/{code}/staff</c>: who holds which post now, and who did when.</summary>
public static class StaffingApi
{
    public sealed record AssignRequest(string? Post, string? UserId, string? Name);
    public sealed record PostView(Guid Id, string Post, string? UserId, string Name, DateTime From, DateTime? To);

    public static IEndpointRouteBuilder MapStaffingApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/grid/cells/{code}/staff");
        staff.MapGet("", List).ProducesRefusals(404);
        staff.MapPost("", Assign).ProducesRefusals(400, 404, 409);
        staff.MapPost("/{id:guid}/end", End).ProducesRefusals(400, 404, 409);
        return app;
    }

    /// <summary>The posts held at <paramref name="at"/> (default now), or every post ever held with <paramref name="history"/>.</summary>
    private static async Task<Ok<List<PostView>>> List(HttpContext http, GridDb db, TimeProvider clock, string code, DateTime? at, bool? history, CancellationToken ct)
    {
        var cell = await ActiveCells.FindAsync(db, code, ct);
        await http.EnsurePermittedAsync("grid.read", OrgPath.Parse(cell.OrgPath));
        var query = db.Set<GridPost>().AsNoTracking().Where(p => p.GridCode == code);
        if (history != true)
        {
            var moment = at?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime;
            query = query.Where(p => p.From <= moment && (p.To == null || p.To > moment));
        }
        var posts = await query.OrderBy(p => p.From).ToListAsync(ct);
        return TypedResults.Ok(posts.Select(p => new PostView(p.Id, p.Post, p.UserId, p.Name, p.From, p.To)).ToList());
    }

    /// <summary>Assigns a post. A grid has one leader: assigning a new one ends the old one's term in the same commit.</summary>
    private static async Task<Created<PostView>> Assign(HttpContext http, GridDb db, TimeProvider clock, string code, AssignRequest request, CancellationToken ct)
    {
        var cell = await ActiveCells.FindAsync(db, code, ct);
        await http.EnsurePermittedAsync("grid.manage", OrgPath.Parse(cell.OrgPath));
        if (request.Post is not { } post || !GridPost.Posts.Contains(post))
            throw DomainException.Invalid("post", $"The post must be one of {string.Join(", ", GridPost.Posts)}.");
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 50) throw DomainException.Invalid("name", "The name must be 1 to 50 characters.");
        if (request.UserId is { Length: > 64 }) throw DomainException.Invalid("userId", "The user id must be at most 64 characters.");
        var caller = http.Caller().Subject;
        var now = clock.GetUtcNow().UtcDateTime;
        var current = await db.Set<GridPost>().Where(p => p.GridCode == code && p.To == null).ToListAsync(ct);
        if (request.UserId is not null && current.Any(p => p.Post == post && p.UserId == request.UserId))
            throw DomainException.Duplicate($"{request.UserId} already holds the post {post} in grid {code}.");
        foreach (var leader in current.Where(p => post == "leader" && p.Post == "leader"))
        {
            (leader.To, leader.EndedBy) = (now, caller);
            db.AddToOutbox(new GridStaffingChanged(code, cell.OrgPath, "leader", leader.UserId, "ended", now), code);
        }
        var assigned = new GridPost { GridCode = code, Post = post, UserId = request.UserId, Name = name, From = now, AssignedBy = caller };
        db.Add(assigned);
        db.AddToOutbox(new GridStaffingChanged(code, cell.OrgPath, post, request.UserId, "assigned", now), code);
        // The partial unique index allows one serving leader per grid.
        await db.SaveOrConflictAsync(() => DomainException.RuleViolated("OneLeaderPerGrid",
            $"Grid {code}'s leader was changed by someone else meanwhile; reload and try again."), ct: ct);
        return TypedResults.Created($"/api/grid/cells/{code}/staff/{assigned.Id}",
            new PostView(assigned.Id, assigned.Post, assigned.UserId, assigned.Name, assigned.From, assigned.To));
    }

    private static async Task<Ok<PostView>> End(HttpContext http, GridDb db, TimeProvider clock, string code, Guid id, CancellationToken ct)
    {
        var cell = await ActiveCells.FindAsync(db, code, ct);
        await http.EnsurePermittedAsync("grid.manage", OrgPath.Parse(cell.OrgPath));
        var post = await db.Set<GridPost>().FirstOrDefaultAsync(p => p.Id == id && p.GridCode == code, ct)
            ?? throw DomainException.NotFound($"No post {id} in grid {code}.");
        if (post.To is not null) throw DomainException.RuleViolated("EndedPostStaysEnded", $"This assignment ended at {post.To:O}.");
        var now = clock.GetUtcNow().UtcDateTime;
        (post.To, post.EndedBy) = (now, http.Caller().Subject);
        db.AddToOutbox(new GridStaffingChanged(code, cell.OrgPath, post.Post, post.UserId, "ended", now), code);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new PostView(post.Id, post.Post, post.UserId, post.Name, post.From, post.To));
    }

}
