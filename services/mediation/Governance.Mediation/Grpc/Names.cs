using System.Text;
using Governance.ServiceDefaults.Problems;

namespace Governance.Mediation.Grpc;

/// <summary>Enumerations as the wire and the events spell them: <c>FamilyAndMarriage</c> ↔ <c>family_and_marriage</c>.</summary>
internal static class Names
{
    public static string Snake<T>(T value) where T : struct, Enum
    {
        var name = value.ToString();
        var s = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) s.Append('_');
            s.Append(char.ToLowerInvariant(name[i]));
        }
        return s.ToString();
    }

    /// <summary>The value named <paramref name="text"/>, else INVALID_ARGUMENT naming <paramref name="field"/> and the names it accepts.</summary>
    public static T Parse<T>(string field, string text, params T[] allowed) where T : struct, Enum
    {
        var choices = allowed.Length > 0 ? allowed : Enum.GetValues<T>();
        foreach (var value in choices)
            if (Snake(value) == text) return value;
        throw DomainException.Invalid(field, $"The {field} '{text}' is not one of: {string.Join(", ", choices.Select(Snake))}.");
    }
}
