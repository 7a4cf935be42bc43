using Governance.Population.Data;
using Governance.Population.Documents;
using Governance.Population.Moves;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Persons;

/// <summary>
/// A change of a person's record, as the console sends it (<c>PATCH /api/population/persons/{id}</c>): the version read,
/// and only the fields to change. <c>phone</c> <c>""</c> removes the phone; <c>residence</c> replaces the residence whole.
/// <code>{ "version": 3, "name": "张三丰", "phone": "13900001111", "residence": { "status": "registered" } }</code>
/// </summary>
public sealed record PersonPatch(int? Version, string? Name, string? Phone, ResidenceRequest? Residence);

/// <summary>
/// Edits a person's name, phone and residence (status and permit). The document cannot change: a wrong document is
/// another person. Optimistic concurrency: the edit names the version it read; a stale one is refused (409), and of
/// two edits at once the database's version check lets one through.
/// </summary>
public sealed class PersonEdit(PopulationDb db, PopulationReach reach, PersonalDataCipher cipher)
{
    public async Task<Person> EditAsync(Caller caller, Guid id, PersonPatch patch, CancellationToken ct)
    {
        var version = patch.Version ?? throw DomainException.Invalid("version", "Give the version of the record you read.");
        var name = patch.Name?.Trim();
        if (name is not null)
        {
            if (name.Length == 0) throw DomainException.Invalid("name", "Give the person's name.");
            if (name.Length > Person.MaxNameLength) throw DomainException.Invalid("name", $"The name must not be longer than {Person.MaxNameLength} characters.");
            if (name.Any(char.IsControl)) throw DomainException.Invalid("name", "The name must not hold control characters.");
        }
        var phone = patch.Phone is null || patch.Phone.Trim().Length == 0 ? null : PhoneNumbers.Parse(patch.Phone);
        var person = await reach.PersonToChangeAsync(caller, id, ct);
        var residence = patch.Residence is null ? null : PersonChecks.CheckResidence(patch.Residence, person.DocumentType);
        if (person.Version != version) throw Stale(version);

        if (name is not null) person.Name = name;
        if (patch.Phone is not null) person.Phone = phone is null ? null : cipher.Protect(phone, person.Id, PersonFields.Phone);
        if (residence is not null)
        {
            person.ResidenceStatus = residence.Status;
            person.PermitNumber = residence.PermitNumber is null ? null : cipher.Protect(residence.PermitNumber, person.Id, PersonFields.PermitNumber);
            person.PermitValidFrom = residence.ValidFrom;
            person.PermitValidUntil = residence.ValidUntil;
        }
        person.Version++;
        await db.SaveOrConflictAsync(() => Stale(version), () => Stale(version), ct);
        return person;
    }

    private static DomainException Stale(int version) =>
        DomainException.RuleViolated("StaleVersion", $"The record changed since version {version} was read: read it again.");
}
