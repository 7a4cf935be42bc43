using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.Identity.Roles;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Audit;

/// <summary>The filters of an audit read; <paramref name="Before"/> is the <c>Next</c> of the previous page.</summary>
public sealed record AuditQuery(DateTime? From, DateTime? To, string? Action, string? Actor, string? Target, int? PageSize, long? Before);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, long? Next);

/// <summary>
/// Reads the audit trail for callers whose roles carry <c>audit.read</c>: newest first, only entries
/// whose org path lies in the reader's subtree. Entries with no org path (sign-ins of unknown names, key rotation, role
/// permission changes) concern the whole deployment and are shown only to a reader at the root.
/// There is deliberately no way to change or delete an entry.
/// </summary>
public sealed class AuditLog(IdentityDb db, RolePermissions permissions)
{
    public const int MaxPageSize = 500;

    public async Task<AuditPage> ReadAsync(Caller caller, AuditQuery query, CancellationToken ct)
    {
        var own = await OrgTree.OwnSubtreeAsync(caller, db, ct);
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.AuditRead, own, ct);
        var size = query.PageSize ?? 100;
        if (size is < 1 or > MaxPageSize) throw DomainException.Invalid("pageSize", $"The page size must be 1 to {MaxPageSize}.");
        if (query.From > query.To) throw DomainException.Invalid("from", "The start of the time range lies after its end.");
        var atRoot = await db.OrgNodes.AnyAsync(n => n.ParentId == null && n.Path == own.Value, ct);
        var prefix = own.Value + "/";

        var entries = db.AuditEntries.AsNoTracking()
            .Where(e => e.OrgPath == own.Value || e.OrgPath!.StartsWith(prefix) || (atRoot && e.OrgPath == null));
        if (query.From is { } from) entries = entries.Where(e => e.At >= Utc(from));
        if (query.To is { } to) entries = entries.Where(e => e.At < Utc(to));
        if (!string.IsNullOrEmpty(query.Action)) entries = entries.Where(e => e.Action == query.Action);
        if (!string.IsNullOrEmpty(query.Actor)) entries = entries.Where(e => e.Actor == query.Actor);
        if (!string.IsNullOrEmpty(query.Target)) entries = entries.Where(e => e.Target == query.Target);
        if (query.Before is { } before) entries = entries.Where(e => e.Id < before);
        // Ids grow with time (one sequence, one writer per row), so id order is newest-first order and a stable cursor.
        var page = await entries.OrderByDescending(e => e.Id).Take(size + 1).ToListAsync(ct);
        return page.Count > size ? new AuditPage(page[..size], page[size - 1].Id) : new AuditPage(page, null);
    }

    private static DateTime Utc(DateTime t) => t.Kind == DateTimeKind.Utc ? t : t.ToUniversalTime();
}
