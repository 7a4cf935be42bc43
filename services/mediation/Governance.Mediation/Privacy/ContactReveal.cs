using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.Mediation.Work;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Privacy;

/// <summary>What a reveal answers: the party's contact in clear, and the purpose it was revealed for.</summary>
public sealed record RevealedContactView(Guid CaseId, Guid PartyId, string Contact, string Purpose, DateTime RevealedAt);

/// <summary>
/// Reveals one party's contact. Ordinary reads (<c>mediation.read</c>, which department handlers and
/// centre operators hold as well) show it masked; the contact in clear needs a permission of its own,
/// <see cref="Permission"/> (mediators), over the case's org node or the node that mediates it, and a
/// purpose from <see cref="RevealPurpose"/>. Each reveal writes its audit line (who, which case, which
/// party, why, when) and commits it before the contact is answered: no line, no contact.
/// </summary>
public sealed class ContactReveal(MediationDb db, RolePermissions permissions, ContactCipher cipher, TimeProvider clock)
{
    public const string Permission = "mediation.contacts.reveal";

    public async Task<RevealedContactView> RevealAsync(Caller caller, ReadChannel channel, Guid caseId, Guid partyId, string? purpose, string? note,
        CancellationToken ct)
    {
        var why = WorkNames.Parse<RevealPurpose>(purpose, "purpose");
        var words = TextLimits.Optional(note, "note", TextLimits.RevealNote);
        if (why == RevealPurpose.Other && words is null)
            throw DomainException.Invalid("note", "With the purpose 'other', say what the purpose is in the note.");

        var dispute = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (dispute is null || !await MayAsync(caller, "mediation.read", dispute, ct))
            throw DomainException.NotFound($"No dispute case {caseId} within your reach.");
        if (!await MayAsync(caller, Permission, dispute, ct))
            await permissions.EnsurePermittedAsync(caller, Permission, OrgPath.Parse(dispute.ResponsibleOrgPath), ct);
        var party = await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == partyId && p.CaseId == caseId, ct)
            ?? throw DomainException.NotFound($"No party {partyId} in case {dispute.Number}.");
        if (party.EncryptedContact is null)
            throw DomainException.NotFound($"Party {partyId} of case {dispute.Number} has no contact on record.");

        var contact = cipher.Unprotect(party.Id, party.EncryptedContact);
        var at = clock.GetUtcNow().UtcDateTime;
        db.Add(new PersonalDataRead
        {
            CaseId = caseId, PartyId = partyId, Reader = caller.Subject, At = at, What = ReadKind.Contact, Channel = channel, Purpose = why, PurposeNote = words,
        });
        await db.SaveChangesAsync(ct);
        return new RevealedContactView(caseId, partyId, contact, WorkNames.Of(why), at);
    }

    /// <summary>As for every read of a case: the permission over the node the dispute lies in, or over the node that mediates it.</summary>
    private async Task<bool> MayAsync(Caller caller, string permission, DisputeCase dispute, CancellationToken ct) =>
        await permissions.IsPermittedAsync(caller, permission, OrgPath.Parse(dispute.OrgPath), ct)
        || await permissions.IsPermittedAsync(caller, permission, OrgPath.Parse(dispute.ResponsibleOrgPath), ct);
}
