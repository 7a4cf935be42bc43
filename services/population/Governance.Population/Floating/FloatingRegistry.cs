using Governance.Population.Access;
using Governance.Population.Data;
using Governance.Population.Documents;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Floating;

/// <summary>
/// New citizens (新市民): residence registration on arrival, departure, permit renewal (population.register over the
/// person's org), and the permit reminders of an org (population.read; each reminder shown is a person read, masked).
/// </summary>
public sealed class FloatingRegistry(PopulationDb db, RolePermissions permissions, PersonalDataCipher cipher, TimeProvider clock)
{
    public const int MaxPageSize = 200;
    private const int MaxPermitNumberLength = 32;

    public async Task<FloatingStay> ArriveAsync(Caller caller, ArrivalRequest request, CancellationToken ct)
    {
        var today = PersonNames.Today(clock);
        if (request.PersonId is not { } personId) throw DomainException.Invalid("personId", "Give the person arriving: a registered person's id.");
        if (request.ArrivedOn is not { } arrived) throw DomainException.Invalid("arrivedOn", "Give the day of arrival.");
        if (arrived > today) throw DomainException.Invalid("arrivedOn", "The arrival cannot be in the future.");
        if (!FloatingNames.Reasons.Contains(request.Reason ?? "")) throw DomainException.Invalid("reason", $"The reason is one of {string.Join(", ", FloatingNames.Reasons)}.");
        var person = await PersonAsync(caller, personId, "personId", ct);
        if (person.ResidenceStatus != ResidenceStatus.Floating)
            throw DomainException.Invalid("personId", "Only a floating resident registers a residence: this person's residence status is not floating.");
        if (await db.Set<FloatingStay>().AnyAsync(s => s.PersonId == personId && s.DepartedOn == null, ct)) throw StayOpen();
        var stay = new FloatingStay
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), PersonId = personId, OrgPath = person.OrgPath, ArrivedOn = arrived, Reason = request.Reason!,
            RegisteredAt = clock.GetUtcNow().UtcDateTime, RegisteredBy = caller.Subject, Version = Guid.NewGuid(),
        };
        db.Add(stay);
        await db.SaveOrConflictAsync(StayOpen, ct: ct);
        return stay;
    }

    public async Task<FloatingStay> DepartAsync(Caller caller, Guid stayId, DepartureRequest request, CancellationToken ct)
    {
        if (request.DepartedOn is not { } departed) throw DomainException.Invalid("departedOn", "Give the day of departure.");
        if (departed > PersonNames.Today(clock)) throw DomainException.Invalid("departedOn", "The departure cannot be in the future.");
        var destination = string.IsNullOrWhiteSpace(request.Destination) ? null : request.Destination.Trim();
        if (destination?.Length > FloatingStay.MaxDestinationLength || destination?.Any(char.IsControl) == true)
            throw DomainException.Invalid("destination", $"The destination has up to {FloatingStay.MaxDestinationLength} characters, without control characters.");
        var stay = await db.Set<FloatingStay>().FirstOrDefaultAsync(s => s.Id == stayId, ct);
        if (stay is null || !await permissions.IsPermittedAsync(caller, PopulationPermissions.Read, OrgPath.Parse(stay.OrgPath), ct))
            throw DomainException.NotFound($"No residence registration {stayId} within your reach.");
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, OrgPath.Parse(stay.OrgPath), ct);
        if (stay.DepartedOn is { } already) throw DomainException.RuleViolated("StayEndedAlready", $"The departure on {already:yyyy-MM-dd} is recorded already.");
        if (departed < stay.ArrivedOn) throw DomainException.Invalid("departedOn", "The departure cannot come before the arrival.");
        stay.DepartedOn = departed;
        stay.Destination = destination;
        stay.DepartureRecordedBy = caller.Subject;
        stay.Version = Guid.NewGuid();
        await db.SaveOrConflictAsync(Changed, Changed, ct);
        return stay;
    }

    /// <summary>A renewed permit: its new end (later than the old one), and its new number when given.</summary>
    public async Task RenewAsync(Caller caller, Guid personId, RenewalRequest request, CancellationToken ct)
    {
        if (request.ValidUntil is not { } until) throw DomainException.Invalid("validUntil", "Give the renewed permit's last day.");
        var number = request.PermitNumber is null ? null : IdentityDocument.Normalise(request.PermitNumber);
        if (number is not null && (number.Length is 0 or > MaxPermitNumberLength || !number.All(char.IsAsciiLetterOrDigit)))
            throw DomainException.Invalid("permitNumber", $"A residence permit number has up to {MaxPermitNumberLength} letters and digits.");
        var person = await PersonAsync(caller, personId, null, ct, tracked: true);
        if (person.ResidenceStatus != ResidenceStatus.Floating || person.PermitValidUntil is not { } old)
            throw DomainException.Invalid("personId", "Only a floating resident's residence permit is renewed.");
        if (until <= old) throw DomainException.Invalid("validUntil", $"A renewed permit runs beyond the current one's last day ({old:yyyy-MM-dd}).");
        person.PermitValidUntil = until;
        if (number is not null) person.PermitNumber = cipher.Protect(number, person.Id, PersonFields.PermitNumber);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The reminders of permits not renewed since, within the caller's reach (within <paramref name="org"/> when given),
    /// soonest expiry first; each a person read (name and permit number, masked).
    /// </summary>
    public async Task<IReadOnlyList<ReminderView>> RemindersAsync(Caller caller, string? org, AccessPurposes.Purpose? purpose, int limit, int offset, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPageSize) throw DomainException.Invalid("limit", $"The limit must be 1 to {MaxPageSize}.");
        if (offset < 0) throw DomainException.Invalid("offset", "The offset must not be negative.");
        var subtrees = await permissions.PermittedSubtreesAsync(caller, PopulationPermissions.Read, ct);
        var query = db.Set<PermitReminder>().AsNoTracking().WithinAnySubtree(subtrees, r => r.OrgPath);
        if (org is not null)
        {
            if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            query = query.WithinSubtree(r => r.OrgPath, within.Value);
        }
        var page = await query
            .Join(db.Persons.AsNoTracking(), r => r.PersonId, p => p.Id, (r, p) => new { Reminder = r, Person = p })
            .Where(x => x.Person.PermitValidUntil == x.Reminder.ValidUntil)
            .OrderBy(x => x.Reminder.ValidUntil).ThenBy(x => x.Reminder.Id).Skip(offset).Take(limit).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var x in page)
            db.PersonReads.Add(new PersonRead
            {
                PersonId = x.Person.Id, OrgPath = x.Person.OrgPath, Reader = caller.Subject, ReaderClient = caller.ClientId, At = now, Action = "list",
                Fields = "name,permitNumber:masked,permitValidUntil", Purpose = purpose?.Code, PurposeNote = purpose?.Note, Channel = "rest",
            });
        await db.SaveChangesAsync(ct);
        var today = PersonNames.Today(clock);
        return page.Select(x => new ReminderView(x.Reminder.Id, x.Person.Id, x.Person.Name,
            x.Person.PermitNumber is null ? null : Masking.Permit(cipher.Unprotect(x.Person.PermitNumber, x.Person.Id, PersonFields.PermitNumber)),
            x.Reminder.ValidUntil, x.Reminder.ValidUntil.DayNumber - today.DayNumber, x.Reminder.OrgPath)).ToList();
    }

    private async Task<Person> PersonAsync(Caller caller, Guid id, string? field, CancellationToken ct, bool tracked = false)
    {
        var person = await (tracked ? db.Persons : db.Persons.AsNoTracking()).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null || !await permissions.IsPermittedAsync(caller, PopulationPermissions.Read, OrgPath.Parse(person.OrgPath), ct))
            throw field is null ? DomainException.NotFound($"No person {id} within your reach.") : DomainException.Invalid(field, $"No person {id} within your reach.");
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, OrgPath.Parse(person.OrgPath), ct);
        return person;
    }

    private static DomainException StayOpen() => DomainException.Duplicate("This person's residence registration is open already: record the departure first.");

    private static DomainException Changed() =>
        DomainException.RuleViolated("StayChangedMeanwhile", "The residence registration changed while you were recording: read it again and repeat.");
}
