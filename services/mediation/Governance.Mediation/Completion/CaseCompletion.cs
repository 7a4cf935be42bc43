using Governance.Mediation.Cases;
using Governance.Mediation.Work;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.Mediation.Data;

namespace Governance.Mediation.Completion;

/// <summary>
/// Completing a case before mediation starts: a grid hand-over arrives with placeholder data and no
/// parties, and intake may have got an item wrong. While the case is registered (at whatever level),
/// the mediator (<c>mediation.work</c> at the responsible node) corrects its data items and adds or
/// removes parties, contacts encrypted as at intake. Once a body mediates it, they are fixed: the
/// agreement and the sessions were made with those parties. Each change is a history line that names
/// what changed, never the values (names and contacts stay out of the history).
/// </summary>
public sealed class CaseCompletion(CaseWork work, ContactCipher cipher)
{
    public async Task<DisputeCase> UpdateAsync(Caller caller, Guid id, CaseUpdateRequest r, CancellationToken ct)
    {
        var c = await work.LoadAsync(caller, id, "mediation.work", ct);
        CaseWork.Require(c, "CaseDataFixedOnceMediationStarts", "changing its data items", CaseState.Registered);
        var changed = new List<string>();
        void Changed(string field, bool differs, Action apply)
        {
            if (!differs) return;
            apply();
            changed.Add(field);
        }
        if (r.Name is not null && CaseInput.Text(r.Name, "name", TextLimits.CaseName) is var name) Changed("name", name != c.Name, () => c.Name = name);
        if (r.Place is not null && CaseInput.Text(r.Place, "place", TextLimits.Place) is var place) Changed("place", place != c.Place, () => c.Place = place);
        if (r.Summary is not null && CaseInput.Text(r.Summary, "summary", TextLimits.Summary) is var summary)
            Changed("summary", summary != c.Summary, () => c.Summary = summary);
        if (r.Category is not null && CaseInput.Category(r.Category) is var category) Changed("category", category != c.Category, () => c.Category = category);
        if (r.Risk is not null && CaseInput.Risk(r.Risk) is var risk) Changed("risk", risk != c.Risk, () => c.Risk = risk);
        if (r.OccurredOn is { } on)
        {
            if (on > DateOnly.FromDateTime(work.Now).AddDays(1)) throw DomainException.Invalid("occurredOn", "The date cannot lie in the future.");
            Changed("occurredOn", on != c.OccurredOn, () => c.OccurredOn = on);
        }
        if (r.PeopleInvolved is { } people)
        {
            if (people is < 1 or > 100_000) throw DomainException.Invalid("peopleInvolved", "The number of people involved is 1 to 100,000.");
            Changed("peopleInvolved", people != c.PeopleInvolved, () => c.PeopleInvolved = people);
        }
        if (r.AmountAtStake is { } amount)
        {
            if (amount is < 0 or > 999_999_999_999m) throw DomainException.Invalid("amountAtStake", "The amount at stake is 0 to 999,999,999,999.");
            Changed("amountAtStake", amount != c.AmountAtStake, () => c.AmountAtStake = amount);
        }
        if (changed.Count == 0) throw DomainException.Invalid("name", "Give at least one data item that differs from the case's: name, occurredOn, place, category, peopleInvolved, amountAtStake, summary or risk.");
        work.Record(c, caller, "data_changed", c.State, string.Join(", ", changed));
        await work.SaveAsync(c, ct);
        return c;
    }

    public async Task<(DisputeCase Case, Party Party)> AddPartyAsync(Caller caller, Guid id, PartyRequest? r, CancellationToken ct)
    {
        var c = await work.LoadAsync(caller, id, "mediation.work", ct);
        var (kind, role, name, contact) = CaseInput.Party(r);
        CaseWork.Require(c, "PartiesFixedOnceMediationStarts", "adding a party", CaseState.Registered);
        if (c.Parties.Count >= CaseInput.MaxParties)
            throw DomainException.RuleViolated("AtMost50Parties", $"Case {c.Number} has {CaseInput.MaxParties} parties already, the most a case takes.");
        var party = new Party { CaseId = c.Id, Kind = kind, Role = role, Name = name };
        if (contact is not null) party.EncryptedContact = cipher.Protect(party.Id, contact);
        // Added through the set, not the case's collection: the case row itself is only touched by Record (its version).
        work.Db.Parties.Add(party);
        work.Record(c, caller, "party_added", c.State, $"{role} ({CaseNames.Of(kind)}) {party.Id}");
        await work.SaveAsync(c, ct);
        return (c, party);
    }

    public async Task<DisputeCase> RemovePartyAsync(Caller caller, Guid id, Guid partyId, CancellationToken ct)
    {
        var c = await work.LoadAsync(caller, id, "mediation.work", ct);
        var party = c.Parties.FirstOrDefault(p => p.Id == partyId) ?? throw DomainException.NotFound($"No party {partyId} in case {c.Number}.");
        CaseWork.Require(c, "PartiesFixedOnceMediationStarts", "removing a party", CaseState.Registered);
        work.Db.Parties.Remove(party);
        work.Record(c, caller, "party_removed", c.State, $"{party.Role} ({CaseNames.Of(party.Kind)}) {party.Id}");
        await work.SaveAsync(c, ct);
        return c;
    }
}
