using Governance.Population.Documents;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Persons;

/// <summary>
/// A registration's fields, checked the one way every channel checks them (REST registration and
/// imports alike), and the stored person made from them: numbers encrypted, the document's keyed hash.
/// </summary>
public static class PersonChecks
{
    private const int MaxPermitNumberLength = 32;

    /// <summary>A registration whose every field passed.</summary>
    public sealed record Checked(string Name, IdentityDocument Document, string? Phone, Residence Residence, OrgPath Org);

    public sealed record Residence(ResidenceStatus Status, string? PermitNumber, DateOnly? ValidFrom, DateOnly? ValidUntil);

    /// <summary>Every field of <paramref name="request"/>, in the order a form shows them; the permission and the duplicate are the caller's to check.</summary>
    /// <exception cref="DomainException">400 naming the first field at fault.</exception>
    public static Checked Check(PersonRequest request, DateOnly today)
    {
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0) throw DomainException.Invalid("name", "Give the person's name.");
        if (name.Length > Person.MaxNameLength) throw DomainException.Invalid("name", $"The name must not be longer than {Person.MaxNameLength} characters.");
        if (name.Any(char.IsControl)) throw DomainException.Invalid("name", "The name must not hold control characters.");
        var type = DocumentTypes.Parse(request.DocumentType)
            ?? throw DomainException.Invalid("documentType", $"The document type '{request.DocumentType}' is not one of {string.Join(", ", DocumentTypes.All)}.");
        var document = IdentityDocument.Parse(type, request.DocumentNumber, today);
        var phone = string.IsNullOrWhiteSpace(request.Phone) ? null : PhoneNumbers.Parse(request.Phone);
        var residence = CheckResidence(request.Residence, type);
        if (!OrgPath.TryParse(request.OrgPath, out var org))
            throw DomainException.Invalid("orgPath", "Give the org path of the grid or community the person lives in (codes separated by '/').");
        return new Checked(name, document, phone, residence, org);
    }

    /// <summary>The person to store: a new id, the numbers encrypted under it, the document's keyed hash <paramref name="hash"/>.</summary>
    public static Person NewPerson(Checked c, byte[] hash, PersonalDataCipher cipher, DateTimeOffset now, string registeredBy)
    {
        var id = Guid.CreateVersion7(now);
        return new Person
        {
            Id = id, Name = c.Name, DocumentType = c.Document.Type,
            DocumentNumber = cipher.Protect(c.Document.Number, id, PersonFields.DocumentNumber), DocumentHash = hash,
            Phone = c.Phone is null ? null : cipher.Protect(c.Phone, id, PersonFields.Phone),
            BirthDate = c.Document.BirthDate, Sex = c.Document.Sex,
            ResidenceStatus = c.Residence.Status,
            PermitNumber = c.Residence.PermitNumber is null ? null : cipher.Protect(c.Residence.PermitNumber, id, PersonFields.PermitNumber),
            PermitValidFrom = c.Residence.ValidFrom, PermitValidUntil = c.Residence.ValidUntil,
            OrgPath = c.Org.Value, RegisteredAt = now.UtcDateTime, RegisteredBy = registeredBy,
        };
    }

    public static DomainException AlreadyRegistered() => DomainException.Duplicate("A person with this document is registered already.");

    internal static Residence CheckResidence(ResidenceRequest? request, DocumentType document)
    {
        var status = PersonNames.ParseStatus(request?.Status)
            ?? throw DomainException.Invalid("residence.status", $"The residence status '{request?.Status}' is not one of registered, floating, foreign.");
        var fits = status switch
        {
            ResidenceStatus.Registered => document == DocumentType.ResidentId,
            ResidenceStatus.Floating => document is DocumentType.ResidentId or DocumentType.HkMacaoTaiwanResidencePermit,
            _ => document is DocumentType.ForeignPermanentResidentId or DocumentType.Passport,
        };
        if (!fits && status == ResidenceStatus.Registered)
            throw DomainException.Invalid("residence.status", "A registered resident is identified by a resident ID.");
        if (!fits && status == ResidenceStatus.Floating)
            throw DomainException.Invalid("residence.status", "A floating resident is identified by a resident ID or a Hong Kong, Macao or Taiwan residence permit.");
        if (!fits)
            throw DomainException.Invalid("residence.status", "A foreign resident is identified by a foreign permanent resident ID or a passport.");
        if (status != ResidenceStatus.Floating)
        {
            if (request!.PermitNumber is not null || request.ValidFrom is not null || request.ValidUntil is not null)
                throw DomainException.Invalid("residence.permitNumber", "Only a floating resident has a residence permit.");
            return new Residence(status, null, null, null);
        }
        var permit = IdentityDocument.Normalise(request!.PermitNumber);
        if (permit.Length == 0) throw DomainException.Invalid("residence.permitNumber", "Give the floating resident's residence permit number.");
        if (permit.Length > MaxPermitNumberLength || !permit.All(char.IsAsciiLetterOrDigit))
            throw DomainException.Invalid("residence.permitNumber", $"A residence permit number has up to {MaxPermitNumberLength} letters and digits.");
        if (request.ValidFrom is not { } from) throw DomainException.Invalid("residence.validFrom", "Give the date the residence permit is valid from.");
        if (request.ValidUntil is not { } until) throw DomainException.Invalid("residence.validUntil", "Give the date the residence permit is valid until.");
        if (until < from) throw DomainException.Invalid("residence.validUntil", "The residence permit cannot end before it starts.");
        return new Residence(status, permit, from, until);
    }
}
