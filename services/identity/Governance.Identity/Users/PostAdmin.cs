using System.Globalization;
using Governance.Contracts.Identity;
using Governance.Identity.Audit;
using Governance.Identity.Data;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Users;

/// <summary>
/// An admin's grants of posts (a role at an org node, optionally until a moment) and their early ends,
/// under the rules of <see cref="RoleGrants"/>. Each change, its audit line (at the post's org) and
/// its event commit in one SaveChanges.
/// </summary>
public sealed class PostAdmin(IdentityDb db, UserAccounts accounts, RoleGrants grants, AuditTrail audit)
{
    /// <summary>Grants <paramref name="role"/> at <paramref name="orgPath"/> until <paramref name="until"/> (ISO 8601; UTC unless it says otherwise; none: no end).</summary>
    public async Task<PostGrantResult> GrantAsync(Caller caller, Guid id, string? role, string? orgPath, string? until, CancellationToken ct)
    {
        var (user, path) = await accounts.GetForChangeAsync(caller, id, ct);
        if (string.IsNullOrWhiteSpace(role)) throw DomainException.Invalid("role", "The role is required.");
        var end = ParseUntil(until);
        if (!OrgPath.TryParse(orgPath, out _)) throw DomainException.Invalid("orgPath", $"The org path '{orgPath}' is not a path of digit codes like 632801/001/002.");
        var found = await db.OrgNodes.AsNoTracking().Where(n => n.Path == orgPath).Select(n => (Guid?)n.Id).FirstOrDefaultAsync(ct)
            ?? throw DomainException.Invalid("orgPath", $"No org node has the path '{orgPath}'.");
        var node = await accounts.TrackedNodeAsync(found, ct);

        var (post, granted, changed) = await grants.GrantPostAsync(caller, user, node, role.Trim(), end, ct);
        var needsTotp = user.TotpSecret is null && granted.RequiresSecondFactor;
        if (!changed && !needsTotp) return new PostGrantResult(accounts.View(user, path), PostView.From(post), false, null, null);
        var enrolled = needsTotp ? accounts.EnrolTotp(caller, user, path, granted.Name) : null;
        accounts.Touch(user);
        if (changed)
        {
            audit.Add(db, caller.Subject, AuditActions.PostGranted, user.Id.ToString(), node.Path,
                $"{granted.Name} at {node.Path}, {(post.Until is { } u ? $"until {u:O}" : "without end")}");
            db.AddToOutbox(new PostGranted(user.Id, post.Id, granted.Name, node.Path, post.Until, user.UpdatedAt), user.Id.ToString());
        }
        await accounts.SaveAsync(user.UserName, ct);
        return new PostGrantResult(accounts.View(user, path), PostView.From(post), needsTotp, UserAccounts.NeedsTotpMessage(needsTotp, granted.Name), enrolled);
    }

    /// <summary>Ends a post now, before its term; a post that has ended already is left as it is.</summary>
    public async Task<UserView> EndAsync(Caller caller, Guid id, Guid postId, CancellationToken ct)
    {
        var (user, path) = await accounts.GetForChangeAsync(caller, id, ct);
        var post = user.Posts.FirstOrDefault(p => p.Id == postId)
            ?? throw DomainException.NotFound($"The user {id} holds no post {postId}.");
        if (!grants.EndPost(caller, user, post)) return accounts.View(user, path);
        accounts.Touch(user);
        audit.Add(db, caller.Subject, AuditActions.PostEnded, user.Id.ToString(), post.OrgNode!.Path, $"{post.Role} at {post.OrgNode.Path}, post {post.Id}");
        db.AddToOutbox(new PostEnded(user.Id, post.Id, post.Role, post.OrgNode.Path, user.UpdatedAt), user.Id.ToString());
        await accounts.SaveAsync(user.UserName, ct);
        return accounts.View(user, path);
    }

    // Whole seconds, as tokens carry the end (a NumericDate): the stored end and the token's never differ.
    private static DateTime? ParseUntil(string? until)
    {
        if (string.IsNullOrWhiteSpace(until)) return null;
        if (!DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            throw DomainException.Invalid("until", $"The end '{until}' is not a date and time like 2027-03-01T00:00:00Z.");
        var utc = parsed.UtcDateTime;
        return new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }
}
