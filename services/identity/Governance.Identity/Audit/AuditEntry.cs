namespace Governance.Identity.Audit;

/// <summary>
/// One line of the append-only audit trail: sign-ins, tokens, lockouts and admin changes. Rows are
/// only ever inserted (on PostgreSQL the service's role may only insert and read them, and a trigger
/// refuses UPDATE and DELETE: <see cref="AuditAppendOnly"/>).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }

    /// <summary>When, in UTC.</summary>
    public DateTime At { get; init; }

    /// <summary>Who acted: a user id, a client id, or the sign-in name tried when nobody was identified.</summary>
    public required string Actor { get; init; }

    /// <summary>What happened, e.g. <c>sign-in.failed</c>, <c>token.issued</c>, <c>user.disabled</c> (see <see cref="AuditActions"/>).</summary>
    public required string Action { get; init; }

    /// <summary>What it happened to: a user id, a client id, an org path, a key id.</summary>
    public string? Target { get; init; }

    /// <summary>The org path the target lies in, so an auditor sees only their subtree.</summary>
    public string? OrgPath { get; init; }

    /// <summary>Where from: the caller's IP address.</summary>
    public string? Source { get; init; }

    /// <summary>A short note: the reason of a failure, the fields changed. Never a secret.</summary>
    public string? Detail { get; init; }
}
