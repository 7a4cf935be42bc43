using System.Text.Json;

[assembly: AssemblyFixture(typeof(Governance.Charts.Tests.RenderedManifests))]

namespace Governance.Charts.Tests;

/// <summary>One object of a rendering, with what the Kubernetes schema said about it.</summary>
public sealed record RenderedObject(string Source, string Kind, string Name, JsonElement Object, IReadOnlyList<string> SchemaErrors)
{
    public override string ToString() => $"{Source}: {Kind}/{Name}";
}

/// <summary>
/// Every chart rendered with its default and its production-like values (charts/&lt;service&gt;/ci/prod-values.yaml),
/// and every kustomize overlay, once for the whole test run; then every object validated against the schemas in
/// one run of the validator (tests/Governance.Charts.Tests/Tools/validate-manifests.mjs).
/// </summary>
public sealed class RenderedManifests
{
    public string? Missing { get; }

    /// <summary>Null when kubectl rendered the overlays; otherwise why not.</summary>
    public string? OverlaysMissing { get; }

    public IReadOnlyList<RenderedObject> Objects { get; } = [];

    /// <summary>Renderings by source: "grid (default)", "grid (prod values)", "overlay dev", ...</summary>
    public IReadOnlyDictionary<string, string> Texts { get; } = new Dictionary<string, string>();

    public RenderedManifests()
    {
        Missing = ChartTools.Missing();
        if (Missing is not null) return;

        var directory = Directory.CreateTempSubdirectory("governance-charts-").FullName;
        try
        {
            var texts = new Dictionary<string, string>();
            foreach (var service in ChartTools.Services)
            {
                var chart = Path.Combine(ChartTools.ChartsDirectory, service);
                ChartTools.RunOrFail(ChartTools.Helm, "dependency", "build", chart);
                texts[$"{service} (default)"] = ChartTools.RunOrFail(ChartTools.Helm, "template", service, chart);
                texts[$"{service} (prod values)"] = ChartTools.RunOrFail(ChartTools.Helm, "template", service, chart,
                    "-f", Path.Combine(chart, "ci", "prod-values.yaml"));
            }
            if (ChartTools.FindOnPath("kubectl") is { } kubectl)
                foreach (var overlay in new[] { "dev", "prod" })
                    texts[$"overlay {overlay}"] = ChartTools.RunOrFail(kubectl, "kustomize",
                        Path.Combine(ChartTools.RepositoryRoot, "deploy", "k8s", "overlays", overlay));
            else
                OverlaysMissing = "kubectl (for the kustomize overlays)";
            Texts = texts;

            var files = new List<string>();
            var sources = new Dictionary<string, string>();
            foreach (var (source, text) in texts)
            {
                var file = Path.Combine(directory, $"{files.Count}.yaml");
                File.WriteAllText(file, text);
                files.Add(file);
                sources[file] = source;
            }
            var json = ChartTools.RunOrFail("node", [ChartTools.Validator, ChartTools.NodeModules, .. files]);
            using var document = JsonDocument.Parse(json);
            Objects = document.RootElement.GetProperty("objects").EnumerateArray()
                .Select(o => new RenderedObject(
                    sources[o.GetProperty("file").GetString()!],
                    o.GetProperty("kind").GetString() ?? "",
                    o.TryGetProperty("name", out var name) ? name.GetString() ?? "" : "",
                    o.GetProperty("object").Clone(),
                    o.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList()))
                .ToList();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public IEnumerable<RenderedObject> OfKind(string kind) => Objects.Where(o => o.Kind == kind);

    /// <summary>Deployments and Jobs, with their pod spec.</summary>
    public IEnumerable<(RenderedObject Owner, JsonElement Pod)> Pods() =>
        Objects.Where(o => o.Kind is "Deployment" or "Job")
            .Select(o => (o, o.Object.GetProperty("spec").GetProperty("template").GetProperty("spec")));
}

/// <summary>Small reads of rendered JSON.</summary>
public static class Json
{
    /// <summary>The element at a path of property names, or null where any step is missing.</summary>
    public static JsonElement? At(this JsonElement element, params string[] path)
    {
        var current = element;
        foreach (var step in path)
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(step, out current)) return null;
        }
        return current;
    }

    public static string? Text(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.String } e ? e.GetString() : element.At(path)?.ToString();

    public static IEnumerable<JsonElement> Items(this JsonElement element, params string[] path) =>
        element.At(path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];
}
