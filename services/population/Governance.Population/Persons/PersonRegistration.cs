using Governance.Population.Data;
using Governance.Population.Documents;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Persons;

/// <summary>
/// Registers a person: every field checked before anything is written, the numbers encrypted, and one
/// person per document (the keyed hash, unique in the database, decides between two at once).
/// </summary>
public sealed class PersonRegistration(PopulationDb db, RolePermissions permissions, PersonalDataCipher cipher, LookupHash hashes, TimeProvider clock)
{
    private const int MaxPermitNumberLength = 32;

    public async Task<Person> RegisterAsync(Caller caller, PersonRequest request, CancellationToken ct)
    {
        var today = PersonNames.Today(clock);
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0) throw DomainException.Invalid("name", "Give the person's name.");
        if (name.Length > Person.MaxNameLength) throw DomainException.Invalid("name", $"The name must not be longer than {Person.MaxNameLength} characters.");
        if (name.Any(char.IsControl)) throw DomainException.Invalid("name", "The name must not hold control characters.");
        var type = DocumentTypes.Parse(request.DocumentType)
            ?? throw DomainException.Invalid("documentType", $"The document type '{request.DocumentType}' is not one of {string.Join(", ", DocumentTypes.All)}.");
        var document = IdentityDocument.Parse(type, request.DocumentNumber, today);
        var phone = string.IsNullOrWhiteSpace(request.Phone) ? null : PhoneNumbers.Parse(request.Phone);
        var residence = CheckResidence(request.Residence, type);
        if (!Governance.ServiceDefaults.Auth.OrgPath.TryParse(request.OrgPath, out var org))
            throw DomainException.Invalid("orgPath", "Give the org path of the grid or community the person lives in (codes separated by '/').");
        await Org.PopulationOrgPaths.EnsureCurrentAsync(db, org.Value, "orgPath", ct);
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, org, ct);

        var hash = hashes.Of(document);
        if (await db.Persons.AnyAsync(p => p.DocumentHash == hash, ct)) throw AlreadyRegistered();
        var id = Guid.CreateVersion7(clock.GetUtcNow());
        var person = new Person
        {
            Id = id, Name = name, DocumentType = type,
            DocumentNumber = cipher.Protect(document.Number, id, PersonFields.DocumentNumber), DocumentHash = hash,
            Phone = phone is null ? null : cipher.Protect(phone, id, PersonFields.Phone),
            BirthDate = document.BirthDate, Sex = document.Sex,
            ResidenceStatus = residence.Status,
            PermitNumber = residence.PermitNumber is null ? null : cipher.Protect(residence.PermitNumber, id, PersonFields.PermitNumber),
            PermitValidFrom = residence.ValidFrom, PermitValidUntil = residence.ValidUntil,
            OrgPath = org.Value, RegisteredAt = clock.GetUtcNow().UtcDateTime, RegisteredBy = caller.Subject,
        };
        db.Persons.Add(person);
        await db.SaveOrConflictAsync(AlreadyRegistered, ct: ct);
        return person;
    }

    private static DomainException AlreadyRegistered() => DomainException.Duplicate("A person with this document is registered already.");

    internal sealed record Residence(ResidenceStatus Status, string? PermitNumber, DateOnly? ValidFrom, DateOnly? ValidUntil);

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
