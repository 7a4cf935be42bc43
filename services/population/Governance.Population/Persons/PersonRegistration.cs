using Governance.Population.Data;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Persons;

/// <summary>
/// Registers a person: every field checked before anything is written (<see cref="PersonChecks"/>, which
/// imports use too), the numbers encrypted, and one person per document (the keyed hash, unique in the
/// database, decides between two at once). The person is saved holding org moves off, so a move of their org
/// that commits meanwhile refuses them rather than leaving them at the old path.
/// </summary>
public sealed class PersonRegistration(PopulationDb db, RolePermissions permissions, PersonalDataCipher cipher, LookupHash hashes, TimeProvider clock)
{
    public async Task<Person> RegisterAsync(Caller caller, PersonRequest request, CancellationToken ct)
    {
        var person = PersonChecks.Check(request, PersonNames.Today(clock));
        await Org.PopulationOrgPaths.EnsureCurrentAsync(db, person.Org.Value, "orgPath", ct);
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, person.Org, ct);
        var hash = hashes.Of(person.Document);
        if (await db.Persons.AnyAsync(p => p.DocumentHash == hash, ct)) throw PersonChecks.AlreadyRegistered();
        var stored = PersonChecks.NewPerson(person, hash, cipher, clock.GetUtcNow(), caller.Subject);
        db.Persons.Add(stored);
        await Org.PopulationOrgPaths.SaveAtCurrentPathAsync(db, stored.OrgPath, "orgPath", PersonChecks.AlreadyRegistered, ct);
        return stored;
    }
}
