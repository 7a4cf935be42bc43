using Governance.Identity.Data;
using Microsoft.AspNetCore.Http;

namespace Governance.Identity.Audit;

/// <summary>
/// Adds audit lines to the same unit of work as the change they describe, so a change is never
/// stored without its line nor a line without its change. A failed sign-in has no change: its line
/// is saved on its own. A line that goes with no stored change at all (a client-credentials token)
/// is committed by <see cref="AuditGroupCommit"/> before the caller answers.
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor http, TimeProvider clock, AuditGroupCommit groups)
{
    public AuditEntry Add(IdentityDb db, string actor, string action, string? target = null, string? orgPath = null, string? detail = null)
    {
        var entry = Line(actor, action, target, orgPath, detail);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>Commits a line of its own (shared with the lines of the same moment); completes once it is stored.</summary>
    public Task CommitAsync(string actor, string action, string? target, string? orgPath, string? detail, CancellationToken ct) =>
        groups.CommitAsync(Line(actor, action, target, orgPath, detail), ct);

    private AuditEntry Line(string actor, string action, string? target, string? orgPath, string? detail) =>
        new()
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = Truncate(actor, 200)!,
            Action = action,
            Target = Truncate(target, 200),
            OrgPath = orgPath,
            Source = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Detail = Truncate(detail, 1000),
        };

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
