using Governance.Population.Data;
using Governance.Population.Houses;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Population.Demo;

/// <summary>Demo settings. JSON shape: <code>"Population": { "DemoSeed": true }</code> (the standalone host only).</summary>
public sealed class PopulationDemoOptions
{
    public const string Section = "Population";
    public bool DemoSeed { get; set; }
}

/// <summary>
/// The standalone demo's residents: once the grid's demo compounds have arrived as houses (grid's GridAreaRegistered,
/// followed by <see cref="GridAreaFollower"/>) and identity's roles document can be read, each compound gets rooms,
/// households, registered and floating residents and graded rentals (<see cref="DemoResidents"/>), and the care worker's
/// community its care cases (<see cref="DemoCareCases"/>), all through the service's own classes. Runs once: nothing
/// happens when persons exist already. Demo data only: made-up names and numbers.
/// </summary>
internal sealed partial class PopulationDemoSeed(IServiceScopeFactory scopes, IOptions<PopulationDemoOptions> options, TimeProvider clock,
    ILogger<PopulationDemoSeed> logger) : BackgroundService
{
    /// <summary>The grid's seed waits up to a minute for identity's communities, then draws: the compounds come a little after.</summary>
    private const int WaitSeconds = 180, QuietSeconds = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DemoSeed) return;
        try
        {
            var compounds = await WaitForCompoundsAsync(stoppingToken);
            if (compounds.Count == 0 || !await WaitForRolesAsync(stoppingToken)) return;
            await using (var scope = scopes.CreateAsyncScope())
                if (await scope.ServiceProvider.GetRequiredService<PopulationDb>().Persons.AnyAsync(stoppingToken)) return;
            var counts = await SeedAsync(compounds, stoppingToken);
            LogSeeded(logger, counts.Compounds, counts.Rooms, counts.Households, counts.Persons, counts.Floating, counts.Rentals, counts.CareCases, counts.Visits);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    private async Task<DemoCounts> SeedAsync(List<House> compounds, CancellationToken ct)
    {
        var root = compounds[0].OrgPath.Split('/')[0];
        var people = new DemoPeople(root.Length == 6 && root.All(char.IsAsciiDigit) ? root : "632801", PersonNames.Today(clock));
        var counts = new DemoCounts();
        // A system caller at the top of the tree, with the posts the steps need: a grid worker's to register and move
        // people, a centre leader's to open and assign care cases (whose content it then cannot read).
        var system = new Caller("population-demo-seed", OrgPath.Parse(root), new HashSet<string> { "grid_worker", "centre_leader" }, new HashSet<string>(), "demo-seed");
        var residents = new DemoResidents(scopes, system, people, counts);
        foreach (var compound in compounds)
        {
            await residents.FillAsync(compound, ct);
            counts.Compounds++;
        }
        // The demo care worker's post is at the first community (identity's DemoSeed): the cases are there.
        await new DemoCareCases(scopes, system, people, counts).OpenAsync($"{root}/001/001", residents.Residents, ct);
        return counts;
    }

    /// <summary>
    /// The compounds the grid drew, with their buildings and units, once they have stopped arriving (no new house and no
    /// area waiting for its parent for a few seconds), at most <see cref="WaitSeconds"/>.
    /// </summary>
    private async Task<List<House>> WaitForCompoundsAsync(CancellationToken ct)
    {
        var (seen, quiet) = (-1, 0);
        for (var i = 0; i < WaitSeconds; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PopulationDb>();
            var units = await db.Houses.CountAsync(h => h.GridAreaId != null && h.Kind == HouseNames.Unit, ct);
            var waiting = await db.Set<PendingGridArea>().AnyAsync(ct);
            quiet = units > 0 && units == seen && !waiting ? quiet + 1 : 0;
            seen = units;
            if (quiet >= QuietSeconds)
                return await db.Houses.AsNoTracking().Where(h => h.GridAreaId != null && h.Kind == HouseNames.Compound)
                    .OrderBy(h => h.OrgPath).ThenBy(h => h.Code).ToListAsync(ct);
        }
        LogNoHouses(logger, WaitSeconds);
        return [];
    }

    /// <summary>Every step checks permissions against identity's roles document: wait until it has been read (90 s: a failed read is retried after 30 s).</summary>
    private async Task<bool> WaitForRolesAsync(CancellationToken ct)
    {
        for (var i = 0; i < 90; i++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var permissions = scope.ServiceProvider.GetRequiredService<RolePermissions>();
            if (await permissions.PermitsAsync(["grid_worker"], PopulationPermissions.Register, ct)
                && await permissions.PermitsAsync(["centre_leader"], Care.CarePermissions.Assign, ct)) return true;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        LogNoRoles(logger);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Population DEMO seed: {Compounds} compounds, {Rooms} rooms, {Households} households, {Persons} persons ({Floating} new citizens with permits and arrivals), {Rentals} rentals graded in every grade, {CareCases} care cases with {Visits} visits assigned to the demo care worker. Made-up names and numbers: demo data only.")]
    private static partial void LogSeeded(ILogger logger, int compounds, int rooms, int households, int persons, int floating, int rentals, int careCases, int visits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Population demo seed skipped: no demo compound arrived from the grid service within {Seconds} s")]
    private static partial void LogNoHouses(ILogger logger, int seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Population demo seed skipped: identity's roles document could not be read within 90 s")]
    private static partial void LogNoRoles(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Population demo seed failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
