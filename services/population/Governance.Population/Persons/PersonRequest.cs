namespace Governance.Population.Persons;

/// <summary>
/// A registration, as the console sends it:
/// <code>{ "name": "张三", "documentType": "resident_id", "documentNumber": "632801199003071234", "phone": "13812345678",
///   "residence": { "status": "floating", "permitNumber": "QH2026000123", "validFrom": "2026-01-01", "validUntil": "2027-01-01" },
///   "orgPath": "632801/001/002/001" }</code>
/// </summary>
public sealed record PersonRequest(string? Name, string? DocumentType, string? DocumentNumber, string? Phone, ResidenceRequest? Residence, string? OrgPath);

/// <summary>registered, floating (with its residence permit: number and validity) or foreign.</summary>
public sealed record ResidenceRequest(string? Status, string? PermitNumber, DateOnly? ValidFrom, DateOnly? ValidUntil);
