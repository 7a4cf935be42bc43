using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace Governance.ServiceDefaults.Problems;

/// <summary>
/// The Chinese of the platform's messages: each service assembly embeds a
/// <c>messages.zh-CN.json</c> that maps English templates (<see cref="DomainMessage.Template"/>)
/// to Chinese ones with the same placeholders. A message no catalogue knows is answered in
/// English rather than not at all; the architecture test keeps the catalogues complete.
/// </summary>
public static class DomainMessages
{
    /// <summary>The name an assembly's catalogue ends with, as an embedded resource.</summary>
    public const string ResourceSuffix = "messages.zh-CN.json";

    private static readonly ConcurrentDictionary<Assembly, FrozenDictionary<string, string>> Catalogues = new();

    /// <summary><paramref name="message"/> in <paramref name="language"/>.</summary>
    public static string Localize(DomainMessage message, UserLanguage language, Assembly? from = null)
    {
        if (language == UserLanguage.English) return message.Text;
        var template = message.Template;
        foreach (var assembly in from is null ? Loaded() : [from])
            if (CatalogueOf(assembly).TryGetValue(template, out var chinese))
                return message.Render(chinese);
        return message.Text;
    }

    /// <summary>Every catalogue entry of <paramref name="assembly"/> (for tests that check completeness).</summary>
    public static IReadOnlyDictionary<string, string> CatalogueOf(Assembly assembly) => Catalogues.GetOrAdd(assembly, Load);

    private static IEnumerable<Assembly> Loaded() =>
        AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name?.StartsWith("Governance.", StringComparison.Ordinal) == true);

    private static FrozenDictionary<string, string> Load(Assembly assembly)
    {
        if (assembly.IsDynamic) return FrozenDictionary<string, string>.Empty;
        var name = assembly.GetManifestResourceNames().FirstOrDefault(n => n.EndsWith(ResourceSuffix, StringComparison.Ordinal));
        if (name is null) return FrozenDictionary<string, string>.Empty;
        using var stream = assembly.GetManifestResourceStream(name)!;
        var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException($"{name} in {assembly.GetName().Name} is not a JSON object of strings.");
        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
