using System.Text;

namespace Governance.Mediation.Cases;

/// <summary>The wire names of the case enums: snake_case (<c>family_and_marriage</c>, <c>grid_on_site</c>).</summary>
public static class CaseNames
{
    public static string Snake(string pascal)
    {
        var s = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) s.Append('_');
            s.Append(char.ToLowerInvariant(pascal[i]));
        }
        return s.ToString();
    }

    public static string Of<T>(T value) where T : struct, Enum => Snake(value.ToString());

    /// <summary>Parses a snake_case name into <typeparamref name="T"/>; null when it names none.</summary>
    public static T? Parse<T>(string? name) where T : struct, Enum =>
        string.IsNullOrWhiteSpace(name) ? null : Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Of(v!.Value) == name.Trim().ToLowerInvariant());
}
