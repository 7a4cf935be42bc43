namespace Governance.Population.Rental;

/// <summary>
/// A rental to register, as the console sends it:
/// <code>{ "houseId": "…", "landlordId": "…", "permittedOccupants": 2, "agreement": { "signedOn": "2026-03-01", "validUntil": "2027-02-28" } }</code>
/// </summary>
public sealed record RentalRequest(Guid? HouseId, Guid? LandlordId, int? PermittedOccupants, AgreementRequest? Agreement);

/// <summary>The safety agreement (治安责任书) the landlord signed: the day, and its end (none: until replaced).</summary>
public sealed record AgreementRequest(DateOnly? SignedOn, DateOnly? ValidUntil);

/// <summary>
/// An inspection: its day (today when absent) and what was found, each with a note:
/// <code>{ "inspectedOn": "2026-11-29", "findings": [ { "code": "wiring_unsafe", "note": "插线板串接" } ] }</code>
/// Crowding may be given as observed; it is also computed from the current occupants against the permitted number.
/// </summary>
public sealed record InspectionRequest(DateOnly? InspectedOn, IReadOnlyList<FindingRequest?>? Findings);

public sealed record FindingRequest(string? Code, string? Note);
