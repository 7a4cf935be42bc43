using System.Text.Json;
using Governance.ServiceDefaults.Problems;

namespace Governance.Mediation.Work;

/// <summary>Enum values as the API and history write them (snake_case), and back.</summary>
internal static class WorkNames
{
    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Reads <paramref name="text"/> (snake_case, any case) as a <typeparamref name="T"/>, or refuses naming the field and the choices.</summary>
    public static T Parse<T>(string? text, string field) where T : struct, Enum
    {
        if (!string.IsNullOrWhiteSpace(text) && !int.TryParse(text, out _)
            && Enum.TryParse<T>(text.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value))
            return value;
        throw DomainException.Invalid(field, $"'{field}' must be one of: {string.Join(", ", Enum.GetValues<T>().Select(v => Of(v)))}.");
    }
}
