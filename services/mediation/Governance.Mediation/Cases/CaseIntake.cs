using Governance.Contracts.Mediation;
using Governance.Mediation.Levels;
using Governance.Mediation.Org;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Governance.ServiceDefaults.Data;
using Governance.Mediation.Data;

namespace Governance.Mediation.Cases;

/// <summary>
/// Registers dispute cases: from staff (grid worker, centre window, hotline, online, police, court,
/// a department; <c>mediation.intake</c> where the dispute lies) and from grid's dispute hand-over.
/// Each starts at the level its rules give, with number, parties, history line and
/// <see cref="DisputeRegistered"/> in one SaveChanges.
/// </summary>
public sealed class CaseIntake(CaseLedger ledger, LevelAssignment levels, ContactCipher cipher, RolePermissions permissions)
{
    public async Task<DisputeCase> RegisterAsync(Caller caller, CaseRequest r, CancellationToken ct)
    {
        var source = CaseInput.Source(r.Source);
        var orgPath = CaseInput.Org(r.OrgPath);
        var name = CaseInput.Text(r.Name, "name", TextLimits.CaseName);
        var place = CaseInput.Text(r.Place, "place", TextLimits.Place);
        var summary = CaseInput.Text(r.Summary, "summary", TextLimits.Summary);
        var category = CaseInput.Category(r.Category);
        var risk = CaseInput.Risk(r.Risk);
        var grid = CaseInput.Grid(r.GridCode);
        var occurredOn = r.OccurredOn ?? throw DomainException.Invalid("occurredOn", "Give the date the dispute arose (yyyy-mm-dd).");
        if (occurredOn > DateOnly.FromDateTime(ledger.Now).AddDays(1)) throw DomainException.Invalid("occurredOn", "The date cannot lie in the future.");
        var people = r.PeopleInvolved ?? throw DomainException.Invalid("peopleInvolved", "Give the number of people involved.");
        if (people is < 1 or > 100_000) throw DomainException.Invalid("peopleInvolved", "The number of people involved is 1 to 100,000.");
        if (r.AmountAtStake is < 0 or > 999_999_999_999m) throw DomainException.Invalid("amountAtStake", "The amount at stake is 0 to 999,999,999,999.");
        var reference = string.IsNullOrWhiteSpace(r.SourceReference) ? null : CaseInput.Text(r.SourceReference, "sourceReference", TextLimits.SourceReference);
        var parties = CaseInput.Parties(r.Parties);
        await permissions.EnsurePermittedAsync(caller, "mediation.intake", OrgPath.Parse(orgPath), ct);
        await MediationOrgPaths.EnsureCurrentAsync(ledger.Db, orgPath, "orgPath", ct);
        if (reference is not null && await ledger.Db.Cases.AnyAsync(c => c.Source == source && c.SourceReference == reference, ct))
            throw DomainException.Duplicate($"A case from {CaseNames.Of(source)} reference {reference} is registered already.");

        var dispute = await NewAsync(source, reference, name, occurredOn, place, grid, orgPath, category, people, r.AmountAtStake, summary, risk, ct);
        foreach (var (kind, role, partyName, contact) in parties)
        {
            var party = new Party { CaseId = dispute.Id, Kind = kind, Role = role, Name = partyName };
            if (contact is not null) party.EncryptedContact = cipher.Protect(party.Id, contact);
            dispute.Parties.Add(party);
        }
        return await FileAsync(dispute, caller.Subject, ct);
    }

    /// <summary>A case from grid's hand-over of a dispute incident; the caller saves (the inbox's transaction).</summary>
    public async Task<DisputeCase> RegisterHandOverAsync(Guid incidentId, string incidentNumber, string gridCode, string orgPath, string gridCategory,
        DateTime occurredAt, CancellationToken ct)
    {
        var category = HandOverCategory.From(gridCategory);
        var dispute = await NewAsync(CaseSource.IncidentReferral, incidentId.ToString(), $"Dispute from grid incident {incidentNumber}",
            DateOnly.FromDateTime(occurredAt), $"grid {gridCode}", gridCode.Length == 15 ? gridCode : null, orgPath, category, 1, null,
            $"Handed over by the grid centre from incident {incidentNumber} (grid category '{gridCategory}'); the mediator completes the data items and parties.",
            RiskLevel.Ordinary, ct);
        dispute.Number = await CaseCounter.NextAsync(ledger.Db, ledger.Now, ct); // in the inbox's transaction
        ledger.Db.Cases.Add(dispute);
        Registered(dispute, "grid-hand-over");
        return dispute;
    }

    private async Task<DisputeCase> NewAsync(CaseSource source, string? reference, string name, DateOnly occurredOn, string place, string? grid, string orgPath,
        DisputeCategory category, int people, decimal? amount, string summary, RiskLevel risk, CancellationToken ct)
    {
        var now = ledger.Now;
        var dispute = new DisputeCase
        {
            Number = "", Name = name, OccurredOn = occurredOn, Place = place, GridCode = grid,
            OrgPath = orgPath, Category = category, PeopleInvolved = people, AmountAtStake = amount, Summary = summary, Risk = risk,
            ResponsibleOrgPath = orgPath, State = CaseState.Registered, Source = source, SourceReference = reference, CreatedAt = now, UpdatedAt = now,
        };
        await levels.PlaceAsync(dispute, await levels.StartingLevelAsync(category, risk, people, amount, ct), now, ct);
        return dispute;
    }

    private async Task<DisputeCase> FileAsync(DisputeCase dispute, string actor, CancellationToken ct)
    {
        try
        {
            // Numbered in the insert's transaction: a case that fails there (a reference registered meanwhile) rolls
            // its number back, so the day's register has no gaps.
            await ledger.Db.SaveInOneTransactionAsync(async attempt =>
            {
                dispute.Number = await CaseCounter.NextAsync(ledger.Db, ledger.Now, attempt);
                ledger.Db.Cases.Add(dispute);
                Registered(dispute, actor);
            }, ct);
        }
        catch (DbUpdateException e) when (dispute.SourceReference is not null && e.IsUniqueViolation())
        {
            throw DomainException.Duplicate($"A case from {CaseNames.Of(dispute.Source)} reference {dispute.SourceReference} is registered already.");
        }
        return dispute;
    }

    private void Registered(DisputeCase dispute, string actor)
    {
        ledger.Record(dispute, actor, "register", CaseState.Registered, null, $"starts at the {CaseLedger.Name(dispute.Level)} level");
        ledger.Db.AddToOutbox(new DisputeRegistered(dispute.Id, dispute.Number, CaseNames.Of(dispute.Source), CaseNames.Of(dispute.Category),
            CaseNames.Of(dispute.Risk), CaseLedger.Name(dispute.Level), dispute.OrgPath, dispute.SourceReference, ledger.Now, dispute.LevelDueAt), dispute.Id.ToString());
    }
}
