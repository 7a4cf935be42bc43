using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Governance.EndToEnd.Tests.Messages;

/// <summary>
/// Every refusal the platform gives a person has its Chinese (ADR 0012): each template in the source
/// of services/ and libs/ is written in English, is in the <c>messages.zh-CN.json</c> of its project
/// with the same placeholders, and no catalogue keeps a template the code no longer writes.
/// </summary>
public sealed class UserMessageTests
{
    private const string CatalogueName = "messages.zh-CN.json";
    private static readonly string[] Folders = ["services", "libs"];
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void Every_user_facing_message_has_its_Chinese()
    {
        var sites = UserMessageSites.In(ArchitectureTests.Root, Folders);
        Assert.True(sites.Count > 100, $"only {sites.Count} messages found: has the way they are written changed?");

        var report = new StringBuilder();
        var opaque = sites.Where(s => s.Templates.Count == 0).ToList();
        if (opaque.Count > 0)
        {
            report.AppendLine("These messages are not templates the source shows, so their Chinese cannot be checked; write each as a literal or interpolated string at a DomainException (or a member returning DomainMessage):");
            foreach (var s in opaque) report.AppendLine($"  {s.File}:{s.Line}: {s.Code}  ({s.Why})");
        }

        // One rule for every message: English at the throw, Chinese in the catalogue (a "中文。English." pair would map to itself).
        foreach (var s in sites.Where(s => s.Templates.Any(IsChinese)))
            report.AppendLine($"{s.File}:{s.Line}: write the message in English only; its Chinese goes in the catalogue: {s.Code}");

        var expected = sites.SelectMany(s => s.Templates.Select(t => (s.Project, Template: t)))
            .GroupBy(x => x.Project).ToDictionary(g => g.Key, g => g.Select(x => x.Template).Distinct().ToList());
        var catalogues = Folders.Select(f => Path.Combine(ArchitectureTests.Root, f)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, CatalogueName, SearchOption.AllDirectories))
            .Where(f => !Relative(f).Split('/').Any(s => s is "bin" or "obj"))
            .ToDictionary(f => Relative(Path.GetDirectoryName(f)!), Load);

        foreach (var project in expected.Keys.Union(catalogues.Keys).Order(StringComparer.Ordinal))
        {
            var templates = expected.GetValueOrDefault(project) ?? [];
            var catalogue = catalogues.GetValueOrDefault(project) ?? new Dictionary<string, string>();
            var path = $"{project}/{CatalogueName}";
            var missing = templates.Where(t => !catalogue.ContainsKey(t)).ToList();
            if (missing.Count > 0)
            {
                report.AppendLine($"Missing from {path} (paste inside its braces, then write the Chinese):");
                foreach (var t in missing) report.AppendLine($"  {Quote(t)}: \"\",");
            }
            var stale = catalogue.Keys.Where(k => !templates.Contains(k)).ToList();
            if (stale.Count > 0)
            {
                report.AppendLine($"Stale in {path} (no code writes these any more: remove them):");
                foreach (var t in stale) report.AppendLine($"  {Quote(t)}");
            }
            foreach (var (english, chinese) in catalogue.Where(e => templates.Contains(e.Key)))
                if (Fault(english, chinese) is { } fault)
                    report.AppendLine($"In {path}, {Quote(english)}: {Quote(chinese)}: {fault}.");
        }

        // The same template in two projects reads the same in both.
        foreach (var differing in catalogues.SelectMany(c => c.Value.Select(e => (Project: c.Key, e.Key, e.Value)))
                     .GroupBy(e => e.Key).Where(g => g.Select(e => e.Value).Distinct().Count() > 1))
            report.AppendLine($"{Quote(differing.Key)} reads differently in {string.Join(", ", differing.Select(e => $"{e.Project} ({Quote(e.Value)})"))}.");

        Assert.True(report.Length == 0, "\n" + report);
    }

    /// <summary>Why <paramref name="chinese"/> is not a rendering of <paramref name="english"/>, or null.</summary>
    private static string? Fault(string english, string chinese)
    {
        if (Placeholders(chinese) is not { } holes) return "its braces are not a valid template (a literal brace is written {{ or }})";
        if (!holes.Order(StringComparer.Ordinal).SequenceEqual(Placeholders(english)!.Order(StringComparer.Ordinal)))
            return $"the placeholders differ from the English ({string.Join(" ", Placeholders(english)!)})";
        if (!IsChinese(chinese)) return "it is not Chinese";
        return null;
    }

    private static bool IsChinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    /// <summary>The holes of a composite-format template, e.g. {0} and {1:O}; null when a brace is unpaired.</summary>
    internal static List<string>? Placeholders(string template)
    {
        var holes = new List<string>();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '{')
            {
                if (i + 1 < template.Length && template[i + 1] == '{') { i++; continue; }
                var end = template.IndexOf('}', i);
                if (end < 0 || template.IndexOf('{', i + 1, end - i - 1) >= 0) return null;
                holes.Add(template[i..(end + 1)]);
                i = end;
            }
            else if (template[i] == '}')
            {
                if (i + 1 < template.Length && template[i + 1] == '}') { i++; continue; }
                return null;
            }
        }
        return holes;
    }

    private static Dictionary<string, string> Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in document.RootElement.EnumerateObject())
            Assert.True(entries.TryAdd(property.Name, property.Value.GetString() ?? ""), $"{Relative(file)} has {Quote(property.Name)} twice.");
        return entries;
    }

    private static string Quote(string text) => JsonSerializer.Serialize(text, Json);

    private static string Relative(string path) => Path.GetRelativePath(ArchitectureTests.Root, path).Replace('\\', '/');
}
