using Governance.Population.Persons;
using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Households;

/// <summary>
/// The checks of a household's fields and its refusals, shared by registration (<see cref="HouseholdRegistry"/>) and
/// the households import, so that a row of a file is held to what <c>POST /households</c> holds a request to.
/// </summary>
public static class HouseholdChecks
{
    /// <summary>The number, trimmed: up to <see cref="Household.MaxNumberLength"/> letters, digits and hyphens.</summary>
    public static string Number(string? raw, string field = "number")
    {
        var number = raw?.Trim() ?? "";
        if (number.Length == 0) throw DomainException.Invalid(field, "Give the household number.");
        if (number.Length > Household.MaxNumberLength || !number.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw DomainException.Invalid(field, $"A household number has up to {Household.MaxNumberLength} letters, digits and hyphens.");
        return number;
    }

    public static string Kind(string? kind, string field = "kind") => kind is { } k && HouseholdNames.Kinds.Contains(k) ? k
        : throw DomainException.Invalid(field, $"The household kind '{kind}' is not one of {string.Join(", ", HouseholdNames.Kinds)}.");

    /// <summary>A relation to the head; <c>head</c> itself is one (the import names the head so; adding a member refuses it).</summary>
    public static string Relation(string? relation, string field = "relation") => relation is { } r && HouseholdNames.Relations.Contains(r) ? r
        : throw DomainException.Invalid(field, $"The relation '{relation}' is not one of {string.Join(", ", HouseholdNames.Relations)}.");

    /// <summary>The day, today when not given; never in the future.</summary>
    public static DateOnly Date(DateOnly? day, DateOnly today, string field) =>
        (day ?? today) <= today ? day ?? today : throw DomainException.Invalid(field, "The date must not be in the future.");

    public static DateOnly Date(DateOnly? day, TimeProvider clock, string field) => Date(day, PersonNames.Today(clock), field);

    public static DomainException NumberTaken(string number) => DomainException.Duplicate($"The household number '{number}' is taken in this org already.");

    public static DomainException InAnotherHousehold() =>
        DomainException.RuleViolated("PersonInOneHouseholdAtATime", "The person is a member of another household: they leave it first.");
}
