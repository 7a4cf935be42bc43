using Governance.Identity.Data;
using Microsoft.AspNetCore.Http;

namespace Governance.Identity.Audit;

/// <summary>
/// Adds audit lines to the same unit of work as the change they describe, so a change is never
/// stored without its line nor a line without its change. A failed sign-in has no change: its line
/// is saved on its own.
/// </summary>
public sealed class AuditTrail(IHttpContextAccessor http, TimeProvider clock)
{
    public AuditEntry Add(IdentityDb db, string actor, string action, string? target = null, string? orgPath = null, string? detail = null)
    {
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            Actor = Truncate(actor, 200)!,
            Action = action,
            Target = Truncate(target, 200),
            OrgPath = orgPath,
            Source = http.HttpContext?.Connection.RemoteIpAddress?.ToString(),
            Detail = Truncate(detail, 1000),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static string? Truncate(string? value, int max) => value is null || value.Length <= max ? value : value[..max];
}
