using System.Net;
using System.Text.RegularExpressions;
using Governance.Testing;

namespace Governance.EndToEnd.Tests;

/// <summary>The standalone host as an operator meets it: started from any folder, read in a terminal, browsed.</summary>
public sealed class StandaloneOperabilityTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly string _folder = Directory.CreateTempSubdirectory("governance-elsewhere-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Started_from_another_folder_it_reads_the_appsettings_beside_its_dll_and_keeps_data_in_that_folder()
    {
        await using var host = StandaloneProcess.StartIn(_folder);
        await host.WaitUntilUpAsync(StartTimeout);

        // Identity:Bootstrap:DemoSeed = true comes only from the appsettings.json beside the DLL.
        Assert.Contains("DEMO seed created", host.Output);
        // Database:Directory = "data" there, resolved against the working directory, not the DLL's folder.
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder, "data"), "*.db"));
    }

    [Fact]
    public async Task Log_lines_are_json_into_a_pipe_and_plain_in_a_terminal()
    {
        await using (var piped = StandaloneProcess.StartIn(_folder))
        {
            await piped.WaitUntilUpAsync(StartTimeout);
            Assert.Contains(Lines(piped.Output), l => l.StartsWith("{\"Timestamp\":", StringComparison.Ordinal) && l.Contains("DEMO seed created"));
        }

        await using var terminal = StandaloneProcess.StartInTerminal(Directory.CreateDirectory(Path.Combine(_folder, "terminal")).FullName);
        await terminal.WaitUntilUpAsync(StartTimeout);
        var lines = Lines(terminal.Output);
        Assert.Contains(lines, l => l.Contains(" warn: Governance.Identity.Bootstrap.IdentityBootstrap") && l.Contains("DEMO seed created"));
        Assert.DoesNotContain(lines, l => l.StartsWith('{'));
    }

    [Fact]
    public async Task It_serves_every_service_document_and_the_scalar_reference_anonymously()
    {
        await using var host = await StandaloneProcess.StartAsync();
        await host.WaitUntilUpAsync(StartTimeout);
        var address = new Uri($"http://127.0.0.1:{host.HttpPort}");
        var ct = TestContext.Current.CancellationToken;

        foreach (var service in new[] { "identity", "grid", "mediation", "population", "videoalert", "assessment", "search" })
        {
            using var document = await OpenApiDocuments.FetchAsync(address, service, ct);
            Assert.Contains(OpenApiDocuments.Paths(document), p => p.StartsWith($"/api/{service}/", StringComparison.Ordinal));
        }
        using var http = new HttpClient { BaseAddress = address };
        using var page = await http.GetAsync("/scalar/", ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync(ct);
        foreach (var service in new[] { "identity", "grid", "mediation", "population", "videoalert", "assessment", "search" }) Assert.Contains($"openapi/{service}.json", html);
        // The reference's script is served by the host itself: no CDN is needed to browse it.
        using var script = await http.GetAsync("/scalar/scalar.js", ct);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    /// <summary>The lines as a person reads them: the terminal's colour codes taken out.</summary>
    private static string[] Lines(string output) =>
        Regex.Replace(output, "\x1B\\[[0-9;]*m", "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
