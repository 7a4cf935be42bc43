using Governance.Cli.Population;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using static Governance.Population.Tests.Imports.ImportFiles;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Imports;

/// <summary><c>governance population import</c> against a running service: it uploads, follows the job to its end and says where the rejected rows are.</summary>
public sealed class CliImportTests : IAsyncLifetime
{
    private PopulationHost _host = null!;
    private readonly string _folder = Directory.CreateTempSubdirectory("governance-cli-test").FullName;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private (PersonImport Import, StringWriter Output) Command()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        console.Profile.Width = 250;
        return (new PersonImport(_host.ClientAs("gl-1", Community, "grid_leader"), console, TimeSpan.FromMilliseconds(50)), output);
    }

    [Fact]
    public async Task A_good_file_is_imported_and_a_bad_one_names_its_report()
    {
        var good = Path.Combine(_folder, "good.xlsx");
        await File.WriteAllBytesAsync(good, Xlsx([Row("王五", ResidentId(1)), Row("赵六", ResidentId(2))]), TestContext.Current.CancellationToken);
        var (import, output) = Command();
        Assert.Equal(0, await import.RunAsync(good, Community, TestContext.Current.CancellationToken));
        Assert.Contains("2 persons imported.", output.ToString());
        Assert.Equal(2, await _host.QueryAsync(db => db.Persons.CountAsync(p => p.OrgPath == Grid1, TestContext.Current.CancellationToken)));

        var bad = Path.Combine(_folder, "bad.csv");
        await File.WriteAllBytesAsync(bad, Csv([Row("孙八", ResidentId(3)), Row("王五", ResidentId(1))]), TestContext.Current.CancellationToken);
        (import, output) = Command();
        Assert.Equal(1, await import.RunAsync(bad, Community, TestContext.Current.CancellationToken));
        Assert.Contains("1 of 2 rows rejected", output.ToString());
        Assert.Matches(@"/api/population/imports/[0-9a-f-]{36}/rejected", output.ToString());

        (import, output) = Command();
        Assert.Equal(2, await import.RunAsync(bad, OtherCommunity, TestContext.Current.CancellationToken));
        Assert.Contains("refused (403)", output.ToString());
    }

    [Fact]
    public async Task A_households_file_is_imported_with_the_kind_given()
    {
        var (_, rooms) = await Moves.Homes.RoomsAsync(_host, 1, code: "09");
        // In the community itself: the persons test counts Grid1's.
        await Moves.Homes.PersonAsync(_host, 801, org: Community);
        await Moves.Homes.PersonAsync(_host, 802, org: Community);
        var file = Path.Combine(_folder, "households.csv");
        string[] header = ["number", "kind", "house", "orgPath", "documentNumber", "relation"];
        await File.WriteAllBytesAsync(file, Csv([
            ["H0901", "family", "09/3/1/0101", Grid1, Moves.Homes.ResidentId(801), "head"],
            ["H0901", "family", "09/3/1/0101", Grid1, Moves.Homes.ResidentId(802), "spouse"],
        ], header), TestContext.Current.CancellationToken);
        var (import, output) = Command();
        Assert.Equal(0, await import.RunAsync(file, Community, "households", TestContext.Current.CancellationToken));
        Assert.Contains("2 rows of households imported.", output.ToString());
        Assert.Equal(2, await _host.QueryAsync(db => db.HouseholdMembers.CountAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(rooms[0], await _host.QueryAsync(db => db.Households.Where(h => h.Number == "H0901").Select(h => h.HouseId).SingleAsync(TestContext.Current.CancellationToken)));
    }
}
