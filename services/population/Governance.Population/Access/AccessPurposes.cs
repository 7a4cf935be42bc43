using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Access;

/// <summary>
/// Why someone reads a person's data: a code from a short list, so auditors can count and question
/// them, and a bounded note. Needed to reveal a number and to look one up; recorded with every read.
/// </summary>
public static class AccessPurposes
{
    public const int MaxNoteLength = 200;

    /// <summary>The codes, with what each covers.</summary>
    public static readonly IReadOnlyDictionary<string, string> Codes = new Dictionary<string, string>
    {
        ["service_delivery"] = "a visit or service to the person or household (入户服务)",
        ["case_handling"] = "an incident, dispute or application the person is party to (事项办理)",
        ["identity_verification"] = "checking a person's identity on their own request or with them present (身份核验)",
        ["data_correction"] = "checking and correcting the record (信息核对更正)",
        ["emergency_assistance"] = "reaching a person or their family in an emergency (紧急救助)",
        ["law_enforcement_request"] = "a written request of a public security or judicial organ (协查)",
    };

    public sealed record Purpose(string Code, string? Note);

    /// <summary>The purpose given, checked; null when none was given and <paramref name="required"/> is false.</summary>
    /// <exception cref="DomainException">400 naming <c>purpose</c> or <c>purposeNote</c>.</exception>
    public static Purpose? Check(string? code, string? note, bool required, string codeField = "purpose", string noteField = "purposeNote")
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (string.IsNullOrEmpty(code))
        {
            if (required) throw DomainException.Invalid(codeField, $"State the purpose: one of {string.Join(", ", Codes.Keys)}.");
            if (note is not null) throw DomainException.Invalid(codeField, "A purpose note needs a purpose code.");
            return null;
        }
        if (!Codes.ContainsKey(code)) throw DomainException.Invalid(codeField, $"The purpose '{code}' is not one of {string.Join(", ", Codes.Keys)}.");
        if (note is { Length: > MaxNoteLength }) throw DomainException.Invalid(noteField, $"The purpose note must not be longer than {MaxNoteLength} characters.");
        return new Purpose(code, note);
    }
}
