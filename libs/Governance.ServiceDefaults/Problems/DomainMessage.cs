using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Governance.ServiceDefaults.Problems;

/// <summary>
/// A message for the people who use the platform, kept as the template it was written with and
/// its values, so that <see cref="DomainMessages"/> can give it in the caller's language with the
/// same values. Written as an ordinary (interpolated) English string at the call site:
/// <c>DomainException.Invalid("code", $"The code '{code}' is taken.")</c> has the template
/// <c>The code '{0}' is taken.</c>, which a catalogue maps to <c>代码“{0}”已被占用。</c>.
/// </summary>
[InterpolatedStringHandler]
public readonly struct DomainMessage
{
    private readonly StringBuilder? _template;
    private readonly List<object?>? _arguments;
    private readonly string? _text;

    /// <summary>Called by the compiler for an interpolated string.</summary>
    public DomainMessage(int literalLength, int formattedCount)
    {
        _template = new StringBuilder(literalLength + 4 * formattedCount);
        _arguments = new List<object?>(formattedCount);
    }

    private DomainMessage(string text) => _text = text;

    /// <summary>The template in composite-format syntax: <c>{0}</c> where the first value goes.</summary>
    public string Template => _text is not null ? Escape(_text) : _template?.ToString() ?? "";

    /// <summary>The values, in order.</summary>
    public IReadOnlyList<object?> Arguments => _arguments ?? [];

    /// <summary>The message as written (English).</summary>
    public string Text => _text ?? Render(Template);

    /// <summary>Another template (a translation of <see cref="Template"/>) with these values.</summary>
    public string Render(string template) =>
        _arguments is { Count: > 0 } values ? string.Format(CultureInfo.InvariantCulture, template, [.. values]) : Unescape(template);

    public void AppendLiteral(string literal) => _template!.Append(Escape(literal));

    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    public void AppendFormatted<T>(T value, string? format)
    {
        _template!.Append('{').Append(_arguments!.Count);
        if (format is not null) _template.Append(':').Append(format);
        _template.Append('}');
        _arguments.Add(value);
    }

    public void AppendFormatted<T>(T value, int alignment, string? format = null)
    {
        _template!.Append('{').Append(_arguments!.Count).Append(',').Append(alignment);
        if (format is not null) _template.Append(':').Append(format);
        _template.Append('}');
        _arguments.Add(value);
    }

    /// <summary>A message without values.</summary>
    public static implicit operator DomainMessage(string text) => new(text);

    public override string ToString() => Text;

    private static string Escape(string text) => text.Replace("{", "{{").Replace("}", "}}");

    private static string Unescape(string template) => template.Replace("{{", "{").Replace("}}", "}");
}
