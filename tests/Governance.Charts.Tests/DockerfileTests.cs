using System.Text.RegularExpressions;

namespace Governance.Charts.Tests;

/// <summary>
/// The Dockerfiles, read (no container engine can build them here): multi-stage, pinned base tags, a non-root
/// user, and the entry point the chart runs (its `service.assembly`).
/// </summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string> Services => new(ChartTools.Services);

    [Theory]
    [MemberData(nameof(Services))]
    public void Each_service_host_has_a_multi_stage_dockerfile_on_pinned_bases_running_as_non_root(string service)
    {
        var lines = File.ReadAllLines(Path.Combine(ChartTools.RepositoryRoot, "services", service, "Dockerfile"));
        var bases = lines.Select(l => From().Match(l)).Where(m => m.Success).ToList();
        Assert.True(bases.Count >= 2, $"{service}: a build stage and a runtime stage");
        Assert.All(bases, b => Assert.Matches(@"^\d+\.\d+\.\d+", b.Groups["tag"].Value));

        var user = lines.Last(l => l.StartsWith("USER ")).Split(' ', 2)[1].Split(':')[0];
        Assert.NotEqual("root", user);
        Assert.NotEqual("0", user);

        var values = File.ReadAllText(Path.Combine(ChartTools.ChartsDirectory, service, "values.yaml"));
        var assembly = Assembly().Match(values).Groups[1].Value;
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{assembly}.dll\"]", lines);
        Assert.True(File.Exists(Path.Combine(ChartTools.RepositoryRoot, "services", service, assembly, assembly + ".csproj")),
            $"{service}: the chart runs {assembly}.dll, which no project under services/{service} builds");
    }

    [GeneratedRegex(@"^FROM\s+\S+?:(?<tag>\S+)(\s+AS\s+\S+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex From();

    [GeneratedRegex(@"(?m)^\s+assembly:\s*(\S+)\s*$")]
    private static partial Regex Assembly();
}
