namespace Governance.Mediation.Endings;

/// <summary>
/// Why a body declines a case (不予受理), as a code: the People's Mediation Law does not mediate a
/// dispute a party refuses to have mediated, one a court or arbitration has taken up, or one the law
/// reserves to an authority. Codes travel in events and reach the grid's public status notes, so they
/// carry no one's words; the mediator's own note stays in the case's history.
/// </summary>
public enum DeclineReason
{
    PartyRefuses,
    BeforeCourtOrArbitration,
    NotACivilDispute,
    ReservedToAuthorities,
    Other,
}

/// <summary>Why the applicant withdrew (撤回), as a code (see <see cref="DeclineReason"/> for why codes).</summary>
public enum WithdrawalReason
{
    SettledBetweenParties,
    NoLongerPursued,
    GoingToCourtOrArbitration,
    Other,
}

/// <summary>A decline: the reason code, and a note (required with <c>other</c>).</summary>
public sealed record DeclineRequest(string? Reason, string? Note);

/// <summary>A withdrawal: the reason code, a note (required with <c>other</c>), and which applicant withdrew when the case names its parties.</summary>
public sealed record WithdrawRequest(string? Reason, string? Note, Guid? PartyId);
