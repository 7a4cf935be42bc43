using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Care;

/// <summary>Checks of the care cases' identifiers and free text, each refusal naming its field.</summary>
internal static class CareText
{
    public const int MaxIntervalDays = 365;

    public static string WorkerId(string? value, string field = "workerId")
    {
        var id = value?.Trim() ?? "";
        if (id.Length == 0) throw DomainException.Invalid(field, "Give the user id of the care worker.");
        if (id.Length > CareCase.MaxWorkerIdLength || id.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            throw DomainException.Invalid(field, $"A user id has up to {CareCase.MaxWorkerIdLength} characters, without spaces.");
        return id;
    }

    /// <summary>Trimmed text, null when blank unless <paramref name="required"/>.</summary>
    public static string? Note(string? value, string field, int max, bool required)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null)
            return required ? throw DomainException.Invalid(field, "This field is required.") : null;
        if (text.Length > max) throw DomainException.Invalid(field, $"The text must not be longer than {max} characters.");
        if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            throw DomainException.Invalid(field, "The text must not hold control characters.");
        return text;
    }

    public static int? Interval(int? days, string field = "visitIntervalDays") =>
        days is null or (>= 1 and <= MaxIntervalDays) ? days
            : throw DomainException.Invalid(field, $"The visit interval must be 1 to {MaxIntervalDays} days.");
}
