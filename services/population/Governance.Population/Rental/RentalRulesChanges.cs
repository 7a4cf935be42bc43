using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.ServiceDefaults.Versioning;

namespace Governance.Population.Rental;

/// <summary>
/// Reading and changing the rental grading rules. Reads need <c>rules.read</c>. A change needs
/// <c>population.rules.manage</c> held at the top of the org tree (the county), is built on the latest version
/// the caller read (<c>baseVersion</c>), takes effect now or later, and becomes a new version with who, when,
/// why and what. Rentals graded under an older version are regraded from their last inspection once the new
/// one is in effect (<see cref="RentalGrading.RegradeAsync"/>): at once, before the change is answered, when it applies now.
/// </summary>
public sealed class RentalRulesChanges(RentalRuleBook book, RentalGrading grading, RolePermissions permissions, TimeProvider clock)
    : IDocumentChanges<RentalRulesChanges.Change, RentalRulesVersion>
{
    public const int MaxCodeLength = 64;

    public sealed record Change(int? BaseVersion, DateTime? EffectiveFrom, string? Note, IReadOnlyList<GradeRuleInput?>? GradeRules,
        IReadOnlyList<ReinspectionDaysInput?>? ReinspectionDays);

    public sealed record GradeRuleInput(string? Code, int? Priority, IReadOnlyList<string>? AllOf, int? AtLeast, IReadOnlyList<string>? Agreement, string? Grade);
    public sealed record ReinspectionDaysInput(string? Grade, int? Days);

    public async Task<RentalRulesVersion> ChangeAsync(Caller caller, Change change, CancellationToken ct)
    {
        var posts = await permissions.PostsCarryingAsync(caller, PopulationPermissions.RulesManage, ct);
        if (!posts.Any(p => !p.Org.Value.Contains('/')))
            throw DomainException.Forbidden($"Changing the rental rules needs the permission '{PopulationPermissions.RulesManage}' at the top of the org tree (the county).");
        var version = await book.ChangeAsync(new DocumentChange(change.BaseVersion, change.EffectiveFrom, change.Note, caller.Subject), _ => Validate(change),
            inTransaction: null, ct);
        if (version.EffectiveFrom <= clock.GetUtcNow().UtcDateTime) await grading.RegradeAsync(ct);
        return version;
    }

    private static RentalRules Validate(Change change)
    {
        if (change.GradeRules is not { Count: > 0 and <= 100 } given) throw DomainException.Invalid("gradeRules", "Give the full list of grade rules (1 to 100).");
        var rules = new List<GradeRule>();
        for (var i = 0; i < given.Count; i++)
        {
            var f = $"gradeRules[{i}]";
            var r = given[i] ?? throw DomainException.Invalid(f, "A grade rule is an object.");
            var code = r.Code?.Trim() ?? "";
            if (code.Length is 0 or > MaxCodeLength || !code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
                throw DomainException.Invalid($"{f}.code", $"A rule code has 1 to {MaxCodeLength} lower-case letters, digits and underscores.");
            if (rules.Any(x => x.Code == code)) throw DomainException.Invalid($"{f}.code", $"The rule code '{code}' is given twice.");
            if (r.Priority is not (>= 0 and <= 10_000)) throw DomainException.Invalid($"{f}.priority", "The priority is 0 to 10000 (lower is tried first).");
            if (r.AllOf?.FirstOrDefault(x => !RentalNames.Findings.Contains(x)) is { } finding)
                throw DomainException.Invalid($"{f}.allOf", $"The finding '{finding}' is not one of {string.Join(", ", RentalNames.Findings)}.");
            if (r.AtLeast is not (null or (>= 1 and <= 4))) throw DomainException.Invalid($"{f}.atLeast", $"At least is 1 to {RentalNames.Findings.Length} findings, or absent.");
            if (r.Agreement is { Count: 0 } || r.Agreement?.FirstOrDefault(x => !RentalNames.AgreementStates.Contains(x)) is not null)
                throw DomainException.Invalid($"{f}.agreement", $"The agreement states are some of {string.Join(", ", RentalNames.AgreementStates)}, or absent (any).");
            if (!RentalNames.Grades.Contains(r.Grade ?? "")) throw DomainException.Invalid($"{f}.grade", $"The grade is one of {string.Join(", ", RentalNames.Grades)}.");
            rules.Add(new GradeRule(code, r.Priority.Value, r.AllOf is { Count: > 0 } all ? all.Distinct().ToList() : null, r.AtLeast,
                r.Agreement?.Distinct().ToList(), r.Grade!));
        }
        if (!rules.Any(r => r.MatchesAll))
            throw DomainException.Invalid("gradeRules", "Give a rule without conditions (no allOf, atLeast or agreement), so that every rental has a grade.");
        if (change.ReinspectionDays is not { } deadlines || deadlines.Count != RentalNames.Grades.Length)
            throw DomainException.Invalid("reinspectionDays", $"Give the days to the next inspection for each grade ({string.Join(", ", RentalNames.Grades)}).");
        var days = new List<ReinspectionDays>();
        for (var i = 0; i < deadlines.Count; i++)
        {
            var f = $"reinspectionDays[{i}]";
            var d = deadlines[i] ?? throw DomainException.Invalid(f, "A reinspection deadline is an object.");
            if (!RentalNames.Grades.Contains(d.Grade ?? "")) throw DomainException.Invalid($"{f}.grade", $"The grade is one of {string.Join(", ", RentalNames.Grades)}.");
            if (days.Any(x => x.Grade == d.Grade)) throw DomainException.Invalid($"{f}.grade", $"The grade {d.Grade} is given twice.");
            if (d.Days is not (>= 1 and <= 730)) throw DomainException.Invalid($"{f}.days", "A grade has 1 to 730 days to its next inspection.");
            days.Add(new ReinspectionDays(d.Grade!, d.Days.Value));
        }
        return new RentalRules(rules, days);
    }
}
