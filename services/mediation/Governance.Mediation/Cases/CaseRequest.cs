using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.Mediation.Data;

namespace Governance.Mediation.Cases;

/// <summary>A party as intake gives it: person or organisation, applicant/respondent/other, name, contact (encrypted at rest).</summary>
public sealed record PartyRequest(string? Kind, string? Role, string? Name, string? Contact);

/// <summary>The data items of a new case (GB/T 31000): names use snake_case for source, category and risk.</summary>
public sealed record CaseRequest(
    string? Source, string? SourceReference, string? Name, DateOnly? OccurredOn, string? Place, string? GridCode, string? OrgPath,
    string? Category, int? PeopleInvolved, decimal? AmountAtStake, string? Summary, string? Risk, IReadOnlyList<PartyRequest>? Parties);

/// <summary>Checks a <see cref="CaseRequest"/>, naming the field at fault.</summary>
internal static class CaseInput
{
    public const int MaxParties = 50;
    private static readonly string[] PartyRoles = ["applicant", "respondent", "other"];

    public static CaseSource Source(string? name)
    {
        var source = CaseNames.Parse<CaseSource>(name);
        return source is { } s && s != CaseSource.IncidentReferral ? s
            : throw DomainException.Invalid("source", "Give the source: grid_on_site, centre_window, hotline, online, police, court or department (incident referrals come from grid's hand-over).");
    }

    public static DisputeCategory Category(string? name) => CaseNames.Parse<DisputeCategory>(name)
        ?? throw DomainException.Invalid("category", "Give the category: neighbour, family_and_marriage, land_and_property, labour_and_wages, property_management, traffic_accident, medical, consumer, contract or other.");

    public static RiskLevel Risk(string? name) => CaseNames.Parse<RiskLevel>(name)
        ?? throw DomainException.Invalid("risk", "Give the risk level: ordinary, major or complex.");

    public static string Text(string? value, string field, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
            return required ? throw DomainException.Invalid(field, $"Give the {field}.") : "";
        return value.Length <= max ? value.Trim() : throw TextLimits.TooLong(field, max);
    }

    public static string Org(string? value) =>
        OrgPath.TryParse(value, out var org) ? org!.Value : throw DomainException.Invalid("orgPath", "Give the org path where the dispute lies, e.g. 632801/001/002.");

    public static string? Grid(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null
        : value.Length == 15 && value.All(char.IsAsciiDigit) ? value : throw DomainException.Invalid("gridCode", "A grid code is 15 digits.");

    public static List<(PartyKind Kind, string Role, string Name, string? Contact)> Parties(IReadOnlyList<PartyRequest>? parties)
    {
        if (parties is null || parties.Count == 0) throw DomainException.Invalid("parties", "Name at least one party.");
        if (parties.Count > MaxParties) throw DomainException.Invalid("parties", $"At most {MaxParties} parties.");
        return parties.Select((p, i) => Party(p, $"parties[{i}]."))
            .ToList();
    }

    /// <summary>One party; <paramref name="prefix"/> leads each field's name in a refusal (<c>parties[2].</c> at intake, none when one party is added).</summary>
    public static (PartyKind Kind, string Role, string Name, string? Contact) Party(PartyRequest? p, string prefix = "")
    {
        if (p is null) throw DomainException.Invalid(prefix.Length == 0 ? "kind" : prefix.TrimEnd('.'), "Give the party: kind, role and name.");
        var kind = CaseNames.Parse<PartyKind>(p.Kind) ?? throw DomainException.Invalid($"{prefix}kind", "A party is a person or an organisation.");
        var role = p.Role?.Trim().ToLowerInvariant();
        if (role is null || !PartyRoles.Contains(role)) throw DomainException.Invalid($"{prefix}role", "A party's role is applicant, respondent or other.");
        var name = Text(p.Name, $"{prefix}name", TextLimits.PartyName);
        var contact = string.IsNullOrWhiteSpace(p.Contact) ? null : Text(p.Contact, $"{prefix}contact", TextLimits.Contact);
        return (kind, role, name, contact);
    }
}
