using Governance.Mediation.Data;
using Governance.ServiceDefaults.Auth;

namespace Governance.Mediation.Privacy;

/// <summary>
/// Writes the audit line of a read of personal data, one per case read, before the data is answered:
/// if the line cannot be written the read fails and nothing is shown.
/// </summary>
public sealed class ReadAudit(MediationDb db, TimeProvider clock)
{
    /// <summary>Records that <paramref name="caller"/> read <paramref name="what"/> of each case, and saves.</summary>
    public async Task RecordAsync(Caller caller, ReadKind what, ReadChannel channel, IEnumerable<Guid> caseIds, CancellationToken ct)
    {
        var at = clock.GetUtcNow().UtcDateTime;
        foreach (var id in caseIds.Distinct())
            db.Add(new PersonalDataRead { CaseId = id, Reader = caller.Subject, At = at, What = what, Channel = channel });
        await db.SaveChangesAsync(ct);
    }

    public Task RecordAsync(Caller caller, ReadKind what, ReadChannel channel, Guid caseId, CancellationToken ct) =>
        RecordAsync(caller, what, channel, [caseId], ct);
}
