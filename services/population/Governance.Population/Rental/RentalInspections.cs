using Governance.Contracts.Population;
using Governance.Messaging.Outbox;
using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Rental;

/// <summary>
/// Records an inspection and grades the rental from it under the rules in effect: the findings observed, crowding
/// computed from the current occupants against the permitted number, and the agreement's state that day. Needs
/// population.register over the rental's org. Two inspections of one rental at once: the second is refused (409).
/// </summary>
public sealed class RentalInspections(PopulationDb db, RentalRegistry rentals, RentalRuleBook book, RentalGrading grading,
    RolePermissions permissions, TimeProvider clock)
{
    public async Task<(RentalHouse Rental, RentalInspection Inspection)> InspectAsync(Caller caller, Guid id, InspectionRequest request, CancellationToken ct)
    {
        var today = PersonNames.Today(clock);
        var day = request.InspectedOn ?? today;
        if (day > today) throw DomainException.Invalid("inspectedOn", "An inspection cannot be in the future.");
        var observed = new List<RentalFinding>();
        var given = request.Findings ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            var f = $"findings[{i}]";
            var finding = given[i] ?? throw DomainException.Invalid(f, "A finding is an object.");
            if (!RentalNames.Findings.Contains(finding.Code ?? ""))
                throw DomainException.Invalid($"{f}.code", $"The finding '{finding.Code}' is not one of {string.Join(", ", RentalNames.Findings)}.");
            if (observed.Any(o => o.Code == finding.Code)) throw DomainException.Invalid($"{f}.code", $"The finding {finding.Code} is given twice.");
            var note = string.IsNullOrWhiteSpace(finding.Note) ? null : finding.Note.Trim();
            if (note?.Length > RentalInspection.MaxNoteLength)
                throw DomainException.Invalid($"{f}.note", $"A note must not be longer than {RentalInspection.MaxNoteLength} characters.");
            if (note is not null && note.Any(char.IsControl)) throw DomainException.Invalid($"{f}.note", "A note must not hold control characters.");
            observed.Add(new RentalFinding { Code = finding.Code!, Source = RentalNames.Observed, Note = note });
        }

        var rental = await rentals.LoadAsync(caller, id, tracked: true, ct);
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, OrgPath.Parse(rental.OrgPath), ct);
        if (rental.LastInspectedOn is { } last && day < last)
            throw DomainException.Invalid("inspectedOn", $"The rental was last inspected on {last:yyyy-MM-dd}: an inspection cannot come before it.");
        var occupants = await db.Persons.CountAsync(p => p.HouseId == rental.HouseId, ct);
        if (occupants > rental.PermittedOccupants && observed.All(o => o.Code != RentalNames.Crowding))
            observed.Add(new RentalFinding { Code = RentalNames.Crowding, Source = RentalNames.Computed });
        var agreement = RentalNames.AgreementOn(rental.AgreementSignedOn, rental.AgreementValidUntil, day);
        var rules = await book.InEffectAsync(clock.GetUtcNow().UtcDateTime, ct);
        var rule = rules.Document.Grade(observed.Select(o => o.Code).ToList(), agreement);
        var inspection = new RentalInspection
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), RentalId = rental.Id, InspectedOn = day, Inspector = caller.Subject, Agreement = agreement,
            Occupants = occupants, PermittedOccupants = rental.PermittedOccupants, Grade = rule.Grade, GradeRule = rule.Code, RulesVersion = rules.Version,
            Findings = observed.Select(o => new RentalFinding { Code = o.Code, Source = o.Source, Note = o.Note }).ToList(), RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(inspection);
        rental.LastInspectedOn = day;
        var dueBy = rental.ReinspectBy;
        grading.Apply(rental, rule, rules.Version, rules.Document, day);
        db.AddToOutbox(new RentalInspected(rental.HouseId, inspection.Id, day, dueBy, day <= dueBy, rule.Grade, rental.ReinspectBy, rental.OrgPath,
            clock.GetUtcNow().UtcDateTime), rental.HouseId.ToString());
        await db.SaveOrConflictAsync(RentalRegistry.ChangedMeanwhile, RentalRegistry.ChangedMeanwhile, ct);
        return (rental, inspection);
    }
}
