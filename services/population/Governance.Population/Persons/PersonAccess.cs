using Governance.Population.Access;
using Governance.Population.Data;
using Governance.Population.Documents;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Persons;

/// <summary>
/// Every way to read a person, for REST and gRPC alike. Each read is checked against the person's org
/// and written to the access log (<see cref="PersonRead"/>) in the same request, before anything is
/// answered: a read that cannot be logged is not answered. A person out of reach reads as absent.
/// </summary>
public sealed class PersonAccess(PopulationDb db, RolePermissions permissions, PersonalDataCipher cipher, LookupHash hashes, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public sealed record Reading(Caller Caller, string Channel, AccessPurposes.Purpose? Purpose);

    public async Task<PersonView> GetAsync(Reading reading, Guid id, CancellationToken ct)
    {
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null || !await permissions.IsPermittedAsync(reading.Caller, PopulationPermissions.Read, Org(person), ct))
            throw DomainException.NotFound($"No person {id} within your reach.");
        Log(reading, "get", person.Id, person.OrgPath, PersonFields.Masked);
        await db.SaveChangesAsync(ct);
        return PersonView.Masked(person, cipher, PersonNames.Today(clock));
    }

    /// <summary>Persons in the caller's reach (population.read), within <paramref name="org"/> when given, by name.</summary>
    public async Task<IReadOnlyList<PersonView>> ListAsync(Reading reading, string? org, int limit, int offset, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPageSize) throw DomainException.Invalid("limit", $"The limit must be 1 to {MaxPageSize}.");
        if (offset < 0) throw DomainException.Invalid("offset", "The offset must not be negative.");
        var subtrees = await permissions.PermittedSubtreesAsync(reading.Caller, PopulationPermissions.Read, ct);
        var query = db.Persons.AsNoTracking().WithinAnySubtree(subtrees, p => p.OrgPath);
        if (org is not null)
        {
            if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            query = query.WithinSubtree(p => p.OrgPath, within.Value);
        }
        var page = await query.OrderBy(p => p.Name).ThenBy(p => p.Id).Skip(offset).Take(limit).ToListAsync(ct);
        foreach (var person in page) Log(reading, "list", person.Id, person.OrgPath, PersonFields.Masked);
        await db.SaveChangesAsync(ct);
        var today = PersonNames.Today(clock);
        return page.Select(p => PersonView.Masked(p, cipher, today)).ToList();
    }

    /// <summary>
    /// The persons holding the document <paramref name="number"/> (of <paramref name="type"/>, or of any type
    /// the number is valid as), within the reach of the caller's posts carrying population.identifier.lookup.
    /// With <paramref name="reveal"/>, each found person's numbers unmasked, which needs population.reveal over them.
    /// </summary>
    public async Task<IReadOnlyList<(Person Person, PersonView View, RevealedView? Revealed)>> LookupAsync(Reading reading, DocumentType? type, string? number,
        bool reveal, CancellationToken ct)
    {
        if (reading.Purpose is null) throw DomainException.Invalid("purpose", $"State the purpose: one of {string.Join(", ", AccessPurposes.Codes.Keys)}.");
        var today = PersonNames.Today(clock);
        var candidates = Candidates(type, number, today);
        var subtrees = await permissions.PermittedSubtreesAsync(reading.Caller, PopulationPermissions.Lookup, ct);
        var missOrg = subtrees.FirstOrDefault()?.Value ?? reading.Caller.OrgPath?.Value ?? "";
        if (!reveal && LookupInOneStatement.Applies(db))
        {
            var hashed = candidates.Select(hashes.Of).ToArray();
            var logged = await LookupInOneStatement.FindAndLogAsync(db, hashed, subtrees.Select(s => s.Value).ToArray(),
                Read(reading, "lookup", null, "", ""), PersonFields.Masked, missOrg, ct);
            return logged.Select(p => (p, PersonView.Masked(p, cipher, today), (RevealedView?)null)).ToList();
        }
        var found = new List<Person>();
        foreach (var document in candidates)
        {
            var hash = hashes.Of(document);
            var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.DocumentHash == hash, ct);
            if (person is not null && subtrees.Any(s => Org(person).IsWithin(s))) found.Add(person);
        }
        if (reveal)
            foreach (var person in found)
                await permissions.EnsurePermittedAsync(reading.Caller, PopulationPermissions.Reveal, Org(person), ct);
        var fields = reveal ? string.Join(',', PersonFields.Revealable) + ",name,residence,orgPath" : PersonFields.Masked;
        foreach (var person in found) Log(reading, "lookup", person.Id, person.OrgPath, fields);
        if (found.Count == 0) Log(reading, "lookup_miss", null, missOrg, "");
        await db.SaveChangesAsync(ct);
        return found.Select(p => (p, PersonView.Masked(p, cipher, today), reveal ? RevealedView.Of(p, PersonFields.Revealable, cipher) : null)).ToList();
    }

    /// <summary>The person's numbers unmasked: needs population.reveal over the person and a purpose; only <paramref name="fields"/> (all when empty).</summary>
    public async Task<RevealedView> RevealAsync(Reading reading, Guid id, IReadOnlyList<string>? fields, CancellationToken ct)
    {
        if (reading.Purpose is null) throw DomainException.Invalid("purpose", $"State the purpose: one of {string.Join(", ", AccessPurposes.Codes.Keys)}.");
        var asked = fields is null || fields.Count == 0 ? PersonFields.Revealable : fields.Distinct().ToList();
        if (asked.FirstOrDefault(f => !PersonFields.Revealable.Contains(f)) is { } unknown)
            throw DomainException.Invalid("fields", $"The field '{unknown}' is not one of {string.Join(", ", PersonFields.Revealable)}.");
        var person = await db.Persons.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null || !(await permissions.IsPermittedAsync(reading.Caller, PopulationPermissions.Read, Org(person), ct)
                || await permissions.IsPermittedAsync(reading.Caller, PopulationPermissions.Reveal, Org(person), ct)))
            throw DomainException.NotFound($"No person {id} within your reach.");
        await permissions.EnsurePermittedAsync(reading.Caller, PopulationPermissions.Reveal, Org(person), ct);
        Log(reading, "reveal", person.Id, person.OrgPath, string.Join(',', asked));
        await db.SaveChangesAsync(ct);
        return RevealedView.Of(person, asked, cipher);
    }

    private static List<IdentityDocument> Candidates(DocumentType? type, string? number, DateOnly today)
    {
        if (type is { } given) return [IdentityDocument.Parse(given, number, today)];
        var valid = Enum.GetValues<DocumentType>()
            .Select(t => IdentityDocument.TryParse(t, number, today, out var d, out _) ? d : null).OfType<IdentityDocument>().ToList();
        return valid.Count > 0 ? valid
            : throw DomainException.Invalid("documentNumber", "The number is not a valid number of any document type: give the document type to learn why.");
    }

    private void Log(Reading reading, string action, Guid? personId, string orgPath, string fields) =>
        db.PersonReads.Add(Read(reading, action, personId, orgPath, fields));

    private PersonRead Read(Reading reading, string action, Guid? personId, string orgPath, string fields) =>
        new()
        {
            PersonId = personId, OrgPath = orgPath, Reader = reading.Caller.Subject, ReaderClient = reading.Caller.ClientId,
            At = clock.GetUtcNow().UtcDateTime, Action = action, Fields = fields,
            Purpose = reading.Purpose?.Code, PurposeNote = reading.Purpose?.Note, Channel = reading.Channel,
        };

    private static OrgPath Org(Person person) => OrgPath.Parse(person.OrgPath);
}
