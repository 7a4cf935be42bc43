namespace Governance.Identity.Departments;

/// <summary>Department kinds on the wire: snake_case (<c>public_security</c>), as every other enum value the API shows.</summary>
public static class DepartmentKinds
{
    public static string Name(this DepartmentKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));

    /// <summary>Accepts <c>public_security</c> or <c>PublicSecurity</c>; never a number.</summary>
    public static bool TryParse(string? value, out DepartmentKind kind)
    {
        kind = default;
        return !string.IsNullOrEmpty(value) && !value.Any(char.IsAsciiDigit)
            && Enum.TryParse(value.Replace("_", ""), ignoreCase: true, out kind) && Enum.IsDefined(kind);
    }

    public static string All => string.Join(", ", Enum.GetValues<DepartmentKind>().Select(Name));
}
