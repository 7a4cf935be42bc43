using System.Diagnostics;
using System.Text.Json;

namespace Governance.ClusterLocal;

/// <summary>A reference to a key of a Secret, as a container's <c>env[].valueFrom.secretKeyRef</c> names it.</summary>
public sealed record SecretReference(string Env, string Name, string Key, bool Optional);

/// <summary>What a rendered chart gives one container: its command, its plain environment and its secret references.</summary>
public sealed record ContainerEnvironment(IReadOnlyList<string> Command, IReadOnlyDictionary<string, string> Env, IReadOnlyList<SecretReference> Secrets);

/// <summary>
/// A chart rendered by helm (<c>helm template</c>, with the values given) and read by <c>chart-env.mjs</c>: the migration
/// Job's container (null for a service with nothing to migrate: the gateway) and the Deployment's (its ConfigMap entries
/// included), exactly as a cluster would start them.
/// </summary>
public sealed record ChartEnvironment(ContainerEnvironment? Job, ContainerEnvironment Pod)
{
    public static async Task<ChartEnvironment> RenderAsync(ChartTools tools, string service, IReadOnlyList<string> values, CancellationToken ct)
    {
        var chart = Path.Combine(tools.RepositoryRoot, "charts", service);
        await tools.RunAsync(tools.Helm, ["dependency", "build", chart], null, ct);
        var rendered = await tools.RunAsync(tools.Helm, ["template", service, chart, .. values.SelectMany(v => new[] { "--set", v })], null, ct);
        var json = await tools.RunAsync("node", [Path.Combine(tools.RepositoryRoot, "deploy", "cluster-local", "chart-env.mjs")], rendered, ct,
            ("NODE_PATH", Path.Combine(tools.Directory, "node_modules")));
        var root = JsonDocument.Parse(json).RootElement;
        var job = root.GetProperty("job");
        return new ChartEnvironment(job.ValueKind == JsonValueKind.Null ? null : Read(job), Read(root.GetProperty("pod")));
    }

    private static ContainerEnvironment Read(JsonElement container) => new(
        [.. container.GetProperty("command").EnumerateArray().Select(c => c.GetString()!)],
        container.GetProperty("env").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
        [.. container.GetProperty("secrets").EnumerateArray().Select(s => new SecretReference(s.GetProperty("env").GetString()!,
            s.GetProperty("name").GetString()!, s.GetProperty("key").GetString()!, s.GetProperty("optional").GetBoolean()))]);
}

/// <summary>
/// Where the repository, helm and the npm packages are: <c>GOVERNANCE_CHART_TOOLS</c> (scripts/test-servers.sh
/// <c>install_chart_tools</c>), ~/.cache/governance/chart-tools by default; and running them.
/// </summary>
public sealed class ChartTools
{
    public string RepositoryRoot { get; } = FindRoot();

    public string Directory { get; } = Environment.GetEnvironmentVariable("GOVERNANCE_CHART_TOOLS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "governance", "chart-tools");

    public string Helm => Path.Combine(Directory, "helm");

    /// <summary>Null when helm and js-yaml are there; otherwise what is missing and how to get it.</summary>
    public string? Missing() =>
        File.Exists(Helm) && System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "js-yaml"))
            ? null
            : $"helm and js-yaml in {Directory}: run `source scripts/test-servers.sh && install_chart_tools`";

    public async Task<string> RunAsync(string file, IEnumerable<string> arguments, string? input, CancellationToken ct, params (string Name, string Value)[] env)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in env) start.Environment[name] = value;
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), ct);
            process.StandardInput.Close();
        }
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}:\n{await error}");
        return await output;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Governance.sln"))) return dir.FullName;
        throw new InvalidOperationException("Governance.sln not found above " + AppContext.BaseDirectory);
    }
}
