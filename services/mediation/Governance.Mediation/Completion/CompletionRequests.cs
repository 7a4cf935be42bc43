using Governance.Mediation.Cases;

namespace Governance.Mediation.Completion;

/// <summary>The data items to change; each one left out (null) stays as it is. Names as at intake (snake_case for category and risk).</summary>
public sealed record CaseUpdateRequest(
    string? Name, DateOnly? OccurredOn, string? Place, string? Category, int? PeopleInvolved, decimal? AmountAtStake, string? Summary, string? Risk);

/// <summary>A party as the completion step answers it: its contact is stored encrypted and not echoed.</summary>
public sealed record PartyAddedView(Guid Id, Guid CaseId, string Kind, string Role, string Name, bool HasContact)
{
    public static PartyAddedView From(Party p) => new(p.Id, p.CaseId, CaseNames.Of(p.Kind), p.Role, p.Name, p.EncryptedContact is not null);
}
