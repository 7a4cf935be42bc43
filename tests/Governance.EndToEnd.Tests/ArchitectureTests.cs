using System.Xml.Linq;

namespace Governance.EndToEnd.Tests;

/// <summary>Rules about how the code base hangs together, read from the project files themselves.</summary>
public sealed class ArchitectureTests
{
    internal static readonly string Root = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Governance.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Governance.sln not found above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<(string Project, string Reference)> ProjectReferences(string folder) =>
        Directory.Exists(Path.Combine(Root, folder))
            ? Directory.EnumerateFiles(Path.Combine(Root, folder), "*.csproj", SearchOption.AllDirectories)
                .SelectMany(project => XDocument.Load(project).Descendants("ProjectReference")
                    .Select(r => (project, Path.GetFullPath(r.Attribute("Include")!.Value.Replace('\\', '/'), Path.GetDirectoryName(project)!))))
            : [];

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    [Fact]
    public void A_service_references_only_libs_never_another_service()
    {
        var offending = ProjectReferences("services")
            .Where(r => !Relative(r.Reference).StartsWith("libs/", StringComparison.Ordinal))
            .Where(r => Relative(r.Reference).Split('/')[1] != Relative(r.Project).Split('/')[1]) // its own host may reference it
            // The gateway serves the web console (issue 18): the console owns no data and calls the services over REST only.
            .Where(r => !(Relative(r.Project).StartsWith("services/gateway/", StringComparison.Ordinal)
                && Relative(r.Reference).StartsWith("services/console/", StringComparison.Ordinal)))
            .Select(r => $"{Relative(r.Project)} -> {Relative(r.Reference)}")
            .ToList();

        Assert.True(offending.Count == 0, "services may reference libs/ only:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Libs_never_reference_services_or_hosts()
    {
        var offending = ProjectReferences("libs")
            .Where(r => !Relative(r.Reference).StartsWith("libs/", StringComparison.Ordinal))
            .Select(r => $"{Relative(r.Project)} -> {Relative(r.Reference)}")
            .ToList();

        Assert.True(offending.Count == 0, "libs/ may reference libs/ only:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Package_versions_are_pinned_centrally()
    {
        var versioned = Directory.EnumerateFiles(Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !Relative(p).Contains("/obj/"))
            .SelectMany(p => XDocument.Load(p).Descendants("PackageReference")
                .Where(r => r.Attribute("Version") is not null)
                .Select(r => $"{Relative(p)}: {r.Attribute("Include")?.Value}"))
            .ToList();

        Assert.True(versioned.Count == 0, "versions belong in Directory.Packages.props:\n" + string.Join("\n", versioned));
    }
}
