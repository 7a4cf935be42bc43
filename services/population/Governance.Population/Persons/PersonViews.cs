using Governance.Population.Documents;
using Governance.Population.Protection;

namespace Governance.Population.Persons;

/// <summary>A person as every response shows them by default: numbers masked, the birth date as an age.</summary>
public sealed record PersonView(Guid Id, string Name, string DocumentType, string DocumentNumber, string? Phone, string Sex, int? Age,
    ResidenceView Residence, string OrgPath, DateTime RegisteredAt, Guid? HouseId = null, int Version = 0)
{
    public static PersonView Masked(Person p, PersonalDataCipher cipher, DateOnly today) => new(
        p.Id, p.Name, DocumentTypes.Of(p.DocumentType),
        Masking.Document(cipher.Unprotect(p.DocumentNumber, p.Id, PersonFields.DocumentNumber)),
        p.Phone is null ? null : Masking.Phone(cipher.Unprotect(p.Phone, p.Id, PersonFields.Phone)),
        PersonNames.Of(p.Sex), AgeOn(p.BirthDate, today),
        new ResidenceView(PersonNames.Of(p.ResidenceStatus),
            p.PermitNumber is null ? null : Masking.Permit(cipher.Unprotect(p.PermitNumber, p.Id, PersonFields.PermitNumber)),
            p.PermitValidFrom, p.PermitValidUntil),
        p.OrgPath, p.RegisteredAt, p.HouseId, p.Version);

    private static int? AgeOn(DateOnly? born, DateOnly today) =>
        born is not { } b ? null : today.Year - b.Year - (today < b.AddYears(today.Year - b.Year) ? 1 : 0);
}

public sealed record ResidenceView(string Status, string? PermitNumber, DateOnly? ValidFrom, DateOnly? ValidUntil);

/// <summary>What a reveal shows: only the fields asked for, unmasked.</summary>
public sealed record RevealedView(Guid Id, string? DocumentNumber, string? Phone, string? PermitNumber, DateOnly? BirthDate)
{
    public static RevealedView Of(Person p, IReadOnlyCollection<string> fields, PersonalDataCipher cipher) => new(p.Id,
        fields.Contains(PersonFields.DocumentNumber) ? cipher.Unprotect(p.DocumentNumber, p.Id, PersonFields.DocumentNumber) : null,
        fields.Contains(PersonFields.Phone) && p.Phone is not null ? cipher.Unprotect(p.Phone, p.Id, PersonFields.Phone) : null,
        fields.Contains(PersonFields.PermitNumber) && p.PermitNumber is not null ? cipher.Unprotect(p.PermitNumber, p.Id, PersonFields.PermitNumber) : null,
        fields.Contains(PersonFields.BirthDate) ? p.BirthDate : null);
}
