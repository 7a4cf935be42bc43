using System.Diagnostics.CodeAnalysis;

namespace Governance.ServiceDefaults.Auth;

/// <summary>
/// A place in the org tree: the codes from the root down, separated by <c>/</c>, e.g.
/// <c>632801/632801001/632801001001</c> (county / street / community). A record is inside a
/// caller's reach when its path is within the caller's.
/// </summary>
/// <remarks>
/// A class, not a struct: a <c>default</c> struct would be an empty path, which would be the
/// ancestor of every org, and an authorization check must never meet one.
/// </remarks>
public sealed record OrgPath : IParsable<OrgPath>
{
    // Deep enough for city / district / street / community / grid and more; short enough to bound work.
    private const int MaxLength = 256;

    private OrgPath(string value) => Value = value;

    /// <summary>The path as written, e.g. <c>632801/632801001</c>.</summary>
    public string Value { get; }

    /// <summary>The codes from the root down.</summary>
    public IReadOnlyList<string> Segments => Value.Split('/');

    /// <summary>
    /// True when this org is <paramref name="ancestor"/> or lies below it. Compared by whole
    /// segments, so <c>63/12</c> is not within <c>63/1</c>.
    /// </summary>
    public bool IsWithin(OrgPath ancestor) =>
        Value == ancestor.Value
        || (Value.Length > ancestor.Value.Length
            && Value.StartsWith(ancestor.Value, StringComparison.Ordinal)
            && Value[ancestor.Value.Length] == '/');

    /// <summary>Parses a path of digit segments; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static OrgPath Parse(string s, IFormatProvider? provider = null) =>
        TryParse(s, out var path, out var error) ? path : throw new FormatException(error);

    /// <summary>Parses a path of digit segments.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, [MaybeNullWhen(false)] out OrgPath result) =>
        TryParse(s, out result, out _);

    /// <summary>Parses a path of digit segments.</summary>
    public static bool TryParse([NotNullWhen(true)] string? s, [MaybeNullWhen(false)] out OrgPath result) =>
        TryParse(s, out result, out _);

    private static bool TryParse(string? s, [MaybeNullWhen(false)] out OrgPath result, out string error)
    {
        result = null;
        error = s switch
        {
            null or "" => "An org path must not be empty.",
            { Length: > MaxLength } => $"An org path must not be longer than {MaxLength} characters.",
            _ when s.Split('/').Any(segment => segment.Length == 0) => "An org path must not have an empty segment.",
            _ when !s.All(c => c == '/' || char.IsAsciiDigit(c)) => "An org path holds only digit codes separated by '/'.",
            _ => "",
        };
        if (error.Length > 0) return false;
        result = new OrgPath(s!);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Value;
}
