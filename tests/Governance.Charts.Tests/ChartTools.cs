using System.Diagnostics;

namespace Governance.Charts.Tests;

/// <summary>
/// Where the repository, helm, kubectl and the schema validator are, and how to run them. helm and the
/// npm packages live outside the repository, in <c>GOVERNANCE_CHART_TOOLS</c> (scripts/test-servers.sh
/// <c>install_chart_tools</c> fills it; ~/.cache/governance/chart-tools by default). Without them the
/// tests skip, saying why; under CI (<c>CI=true</c>) a missing tool fails instead, so a green run always
/// means the charts were checked.
/// </summary>
public static class ChartTools
{
    public static readonly string[] Services = ["identity", "grid", "mediation", "population", "video-alert", "assessment", "search", "gateway"];

    /// <summary>Charts of services that own no data: no database, no broker, no migration Job.</summary>
    public static readonly string[] WithoutDatabase = ["gateway"];

    public static string RepositoryRoot { get; } = FindRoot();

    public static string ToolsDirectory { get; } =
        Environment.GetEnvironmentVariable("GOVERNANCE_CHART_TOOLS") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "governance", "chart-tools");

    public static string Helm => Path.Combine(ToolsDirectory, "helm");

    public static string NodeModules => Path.Combine(ToolsDirectory, "node_modules");

    public static string Validator => Path.Combine(RepositoryRoot, "tests", "Governance.Charts.Tests", "Tools", "validate-manifests.mjs");

    public static string ChartsDirectory => Path.Combine(RepositoryRoot, "charts");

    /// <summary>Null when helm, node and the schemas are all there; otherwise what is missing.</summary>
    public static string? Missing()
    {
        var missing = new List<string>();
        if (!File.Exists(Helm)) missing.Add($"helm ({Helm})");
        if (!Directory.Exists(Path.Combine(NodeModules, "kubernetes-models"))) missing.Add($"the npm package kubernetes-models ({NodeModules})");
        if (FindOnPath("node") is null) missing.Add("node");
        return missing.Count == 0 ? null : string.Join(", ", missing) + ": run `source scripts/test-servers.sh && install_chart_tools`";
    }

    /// <summary>Skips the test when a tool is missing, except under CI, where that is a failure.</summary>
    public static void RequireTools(string? missing)
    {
        if (missing is null) return;
        if (Environment.GetEnvironmentVariable("CI") == "true") Assert.Fail("Chart tools missing under CI: " + missing);
        Assert.Skip("Chart tools missing: " + missing);
    }

    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    /// <summary>Runs a tool to its end and returns its exit code and both outputs.</summary>
    public static (int ExitCode, string Output, string Error) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs a tool that must succeed, naming the command and its error when it does not.</summary>
    public static string RunOrFail(string fileName, params string[] arguments)
    {
        var (code, output, error) = Run(fileName, arguments);
        Assert.True(code == 0, $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} exited {code}:\n{error}\n{output}");
        return output;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Governance.sln"))) return dir.FullName;
        throw new InvalidOperationException("Governance.sln not found above " + AppContext.BaseDirectory);
    }
}
