using Governance.Population.Access;
using Governance.Population.Data;
using Governance.Population.Documents;
using Governance.Population.Houses;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Rental;

/// <summary>
/// Registers rentals, renews their safety agreement, and reads them. Writes need population.register and reads
/// population.read over the house's org; a rental out of reach reads as absent. Reading one in full shows its
/// landlord and occupants, each a person read written to the access log before the answer.
/// </summary>
public sealed class RentalRegistry(PopulationDb db, RolePermissions permissions, PersonalDataCipher cipher, TimeProvider clock)
{
    public const int MaxPageSize = 200;
    public const int MaxPermittedOccupants = 200;

    private DbSet<RentalHouse> Rentals => db.Set<RentalHouse>();

    public async Task<RentalHouse> RegisterAsync(Caller caller, RentalRequest request, CancellationToken ct)
    {
        if (request.HouseId is not { } houseId) throw DomainException.Invalid("houseId", "Give the house let: a room, or a whole building.");
        if (request.LandlordId is not { } landlordId) throw DomainException.Invalid("landlordId", "Give the landlord: a registered person's id.");
        if (request.PermittedOccupants is not (>= 1 and <= MaxPermittedOccupants))
            throw DomainException.Invalid("permittedOccupants", $"The permitted occupants are 1 to {MaxPermittedOccupants}.");
        var today = PersonNames.Today(clock);
        var (signedOn, validUntil) = CheckAgreement(request.Agreement, today);
        var house = await db.Houses.AsNoTracking().FirstOrDefaultAsync(h => h.Id == houseId, ct);
        if (house is null || !await permissions.IsPermittedAsync(caller, PopulationPermissions.Read, OrgPath.Parse(house.OrgPath), ct))
            throw DomainException.Invalid("houseId", $"No house {houseId} within your reach.");
        if (house.Kind is not (HouseNames.Room or HouseNames.Building))
            throw DomainException.Invalid("houseId", $"A rental is a room or a whole building, not a {house.Kind}.");
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, OrgPath.Parse(house.OrgPath), ct);
        var landlord = await db.Persons.AsNoTracking().Where(p => p.Id == landlordId).Select(p => p.OrgPath).FirstOrDefaultAsync(ct);
        if (landlord is null || !await permissions.IsPermittedAsync(caller, PopulationPermissions.Read, OrgPath.Parse(landlord), ct))
            throw DomainException.Invalid("landlordId", $"No person {landlordId} within your reach.");
        if (await Rentals.AnyAsync(r => r.HouseId == houseId, ct)) throw Taken();
        var rental = new RentalHouse
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), HouseId = houseId, OrgPath = house.OrgPath, LandlordId = landlordId,
            PermittedOccupants = request.PermittedOccupants.Value, AgreementSignedOn = signedOn, AgreementValidUntil = validUntil,
            // Never inspected: due at once.
            ReinspectBy = today, RegisteredAt = clock.GetUtcNow().UtcDateTime, RegisteredBy = caller.Subject, Version = Guid.NewGuid(),
        };
        Rentals.Add(rental);
        await db.SaveOrConflictAsync(Taken, ct: ct);
        return rental;
    }

    /// <summary>Records a (renewed) safety agreement. It counts from the next inspection: the grade is an inspection's result.</summary>
    public async Task<RentalHouse> RenewAgreementAsync(Caller caller, Guid id, AgreementRequest? request, CancellationToken ct)
    {
        var (signedOn, validUntil) = CheckAgreement(request ?? throw DomainException.Invalid("signedOn", "Give the day the agreement was signed."), PersonNames.Today(clock));
        var rental = await LoadAsync(caller, id, tracked: true, ct);
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, OrgPath.Parse(rental.OrgPath), ct);
        rental.AgreementSignedOn = signedOn;
        rental.AgreementValidUntil = validUntil;
        rental.Version = Guid.NewGuid();
        await db.SaveOrConflictAsync(ChangedMeanwhile, ChangedMeanwhile, ct);
        return rental;
    }

    /// <summary>A rental in full; the landlord's and each occupant's read logged (the landlord's phone masked).</summary>
    public async Task<RentalView> GetAsync(Caller caller, Guid id, AccessPurposes.Purpose? purpose, CancellationToken ct)
    {
        var rental = await LoadAsync(caller, id, tracked: false, ct);
        var landlord = await db.Persons.AsNoTracking().FirstAsync(p => p.Id == rental.LandlordId, ct);
        var occupants = await db.Persons.AsNoTracking().Where(p => p.HouseId == rental.HouseId).OrderBy(p => p.Name).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.OrgPath }).ToListAsync(ct);
        var last = await db.Set<RentalInspection>().AsNoTracking().Include(i => i.Findings).Where(i => i.RentalId == id)
            .OrderByDescending(i => i.InspectedOn).ThenByDescending(i => i.RecordedAt).FirstOrDefaultAsync(ct);
        Log(caller, purpose, landlord.Id, landlord.OrgPath, landlord.Phone is null ? "name" : "name,phone:masked");
        foreach (var o in occupants) Log(caller, purpose, o.Id, o.OrgPath, "name");
        await db.SaveChangesAsync(ct);
        var today = PersonNames.Today(clock);
        var phone = landlord.Phone is null ? null : Masking.Phone(cipher.Unprotect(landlord.Phone, landlord.Id, PersonFields.Phone));
        return new RentalView(rental.Id, rental.HouseId, rental.OrgPath, new PersonBrief(landlord.Id, landlord.Name, phone), rental.PermittedOccupants,
            occupants.Select(o => new PersonBrief(o.Id, o.Name, null)).ToList(),
            rental.AgreementSignedOn is { } signed ? new AgreementView(signed, rental.AgreementValidUntil, RentalNames.AgreementOn(signed, rental.AgreementValidUntil, today)) : null,
            GradeView.Of(rental), rental.ReinspectBy, rental.ReinspectBy < today, last is null ? null : InspectionView.Of(last), rental.RegisteredAt);
    }

    /// <summary>
    /// The rentals in the caller's reach (within <paramref name="org"/> when given), of <paramref name="grade"/> when given;
    /// with <paramref name="due"/>, only those to be inspected by that day, soonest (most overdue) first.
    /// </summary>
    public async Task<IReadOnlyList<RentalSummary>> ListAsync(Caller caller, string? org, DateOnly? due, string? grade, int limit, int offset, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPageSize) throw DomainException.Invalid("limit", $"The limit must be 1 to {MaxPageSize}.");
        if (offset < 0) throw DomainException.Invalid("offset", "The offset must not be negative.");
        if (grade is not null && !RentalNames.Grades.Contains(grade)) throw DomainException.Invalid("grade", $"The grade is one of {string.Join(", ", RentalNames.Grades)}.");
        var subtrees = await permissions.PermittedSubtreesAsync(caller, PopulationPermissions.Read, ct);
        var query = Rentals.AsNoTracking().WithinAnySubtree(subtrees, r => r.OrgPath);
        if (org is not null)
        {
            if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid("org", "The org is not an org path (codes separated by '/').");
            query = query.WithinSubtree(r => r.OrgPath, within.Value);
        }
        if (grade is not null) query = query.Where(r => r.Grade == grade);
        if (due is { } by) query = query.Where(r => r.ReinspectBy <= by);
        var page = await query.OrderBy(r => r.ReinspectBy).ThenBy(r => r.Id).Skip(offset).Take(limit)
            .Select(r => new { Rental = r, Occupants = db.Persons.Count(p => p.HouseId == r.HouseId) }).ToListAsync(ct);
        var today = PersonNames.Today(clock);
        return page.Select(x => RentalSummary.Of(x.Rental, x.Occupants, today)).ToList();
    }

    /// <summary>The rental, if within the caller's population.read reach; absent otherwise.</summary>
    public async Task<RentalHouse> LoadAsync(Caller caller, Guid id, bool tracked, CancellationToken ct)
    {
        var query = tracked ? Rentals : Rentals.AsNoTracking();
        var rental = await query.FirstOrDefaultAsync(r => r.Id == id, ct);
        return rental is not null && await permissions.IsPermittedAsync(caller, PopulationPermissions.Read, OrgPath.Parse(rental.OrgPath), ct) ? rental
            : throw DomainException.NotFound($"No rental {id} within your reach.");
    }

    private static (DateOnly? SignedOn, DateOnly? ValidUntil) CheckAgreement(AgreementRequest? agreement, DateOnly today)
    {
        if (agreement is null) return (null, null);
        if (agreement.SignedOn is not { } signed) throw DomainException.Invalid("agreement.signedOn", "Give the day the agreement was signed.");
        if (signed > today) throw DomainException.Invalid("agreement.signedOn", "The agreement cannot be signed in the future.");
        if (agreement.ValidUntil is { } until && until < signed)
            throw DomainException.Invalid("agreement.validUntil", "The agreement cannot end before it was signed.");
        return (signed, agreement.ValidUntil);
    }

    private void Log(Caller caller, AccessPurposes.Purpose? purpose, Guid personId, string orgPath, string fields) =>
        db.PersonReads.Add(new PersonRead
        {
            PersonId = personId, OrgPath = orgPath, Reader = caller.Subject, ReaderClient = caller.ClientId, At = clock.GetUtcNow().UtcDateTime,
            Action = "get", Fields = fields, Purpose = purpose?.Code, PurposeNote = purpose?.Note, Channel = "rest",
        });

    private static DomainException Taken() => DomainException.Duplicate("This house is registered as a rental already.");

    internal static DomainException ChangedMeanwhile() =>
        DomainException.RuleViolated("RentalChangedMeanwhile", "The rental changed while you were recording: read it again and repeat.");
}
