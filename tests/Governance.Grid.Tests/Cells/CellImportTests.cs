using Governance.Contracts.Grid;
using Governance.Grid.Cells;
using Governance.Grid.Lookup;
using Governance.Grid.Tests.Infrastructure;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Grid.Tests.Cells.Features;

namespace Governance.Grid.Tests.Cells;

public sealed class CellImportTests : IAsyncLifetime
{
    private GridDatabase _grid = null!;

    public async ValueTask InitializeAsync() => _grid = await GridDatabase.CreateAsync();
    public async ValueTask DisposeAsync() => await _grid.DisposeAsync();

    private const string Community = GridDatabase.Community;

    [Fact]
    public async Task A_tiled_community_is_imported_with_codes_events_and_look_ups()
    {
        var outcome = await _grid.ImportAsync(Community, Collection(
            Square("001", 94.90, 36.40), Square("002", 94.91, 36.40), Square("003", 94.90, 36.41, households: 650)));

        Assert.False(outcome.Refused);
        Assert.Equal(3, outcome.Created);
        Assert.Equal(["features[2] (sequence 003): 650 households is outside the usual 300–500 per grid."], outcome.Warnings);
        var codes = await _grid.WithDbAsync(db => db.Cells.OrderBy(c => c.Code).Select(c => c.Code).ToListAsync());
        Assert.Equal(["632801001002001", "632801001002002", "632801001002003"], codes);
        var events = await _grid.WithDbAsync(db => db.Set<OutboxMessage>().CountAsync(m => m.MessageType.Contains(nameof(GridCellCreated))));
        Assert.Equal(3, events);

        var locator = _grid.Services.GetRequiredService<GridLocator>();
        var found = await locator.LocateAsync(36.405, 94.915, TestContext.Current.CancellationToken);
        Assert.Equal(new GridLocation("632801001002002", "632801/001/002/002", "第002网格"), found);
        Assert.Null(await locator.LocateAsync(36.405, 94.95, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Invalid_polygons_are_refused_naming_each_feature_and_nothing_is_stored()
    {
        var bowtie = new { type = "Polygon", coordinates = new[] { new[] { new[] { 94.9, 36.4 }, new[] { 94.91, 36.41 }, new[] { 94.91, 36.4 }, new[] { 94.9, 36.41 }, new[] { 94.9, 36.4 } } } };
        var open = new { type = "Polygon", coordinates = new[] { new[] { new[] { 94.9, 36.4 }, new[] { 94.91, 36.4 }, new[] { 94.91, 36.41 }, new[] { 94.9, 36.41 } } } };
        var point = new { type = "Point", coordinates = new[] { 94.9, 36.4 } };
        var outside = new { type = "Polygon", coordinates = new[] { new[] { new[] { 194.9, 36.4 }, new[] { 94.91, 36.4 }, new[] { 94.91, 36.41 }, new[] { 194.9, 36.4 } } } };

        var outcome = await _grid.ImportAsync(Community, Collection(
            Square("001", 94.92, 36.40), WithGeometry("002", bowtie), WithGeometry("003", open), WithGeometry("004", point), WithGeometry("005", outside)));

        Assert.True(outcome.Refused);
        Assert.Contains("Self-intersection", outcome.Errors!["features[1] (sequence 002)"][0]);
        Assert.Contains("coordinates[0] is not closed", outcome.Errors["features[2] (sequence 003)"][0]);
        Assert.Contains("'Point' is not Polygon or MultiPolygon", outcome.Errors["features[3] (sequence 004)"][0]);
        Assert.Contains("coordinates[0][0] (194.9, 36.4) is outside WGS84", outcome.Errors["features[4] (sequence 005)"][0]);
        Assert.Equal(0, await _grid.WithDbAsync(db => db.Cells.CountAsync()));
    }

    [Fact]
    public async Task Overlapping_grids_are_refused_but_grids_sharing_an_edge_are_not()
    {
        var refused = await _grid.ImportAsync(Community, Collection(Square("001", 94.90, 36.40), Square("002", 94.905, 36.40)));
        Assert.Equal(["The polygon overlaps features[0] (sequence 001)."], refused.Errors!["features[1] (sequence 002)"]);

        Assert.False((await _grid.ImportAsync(Community, Collection(Square("001", 94.90, 36.40), Square("002", 94.91, 36.40)))).Refused);
        // A later import that would overlap a grid already there names that grid.
        var late = await _grid.ImportAsync(Community, Collection(Square("003", 94.915, 36.405)));
        Assert.Equal(["The polygon overlaps existing grid 632801001002002."], late.Errors!["features[0] (sequence 003)"]);
    }

    [Fact]
    public async Task Re_importing_a_sequence_replaces_its_boundary()
    {
        await _grid.ImportAsync(Community, Collection(Square("001", 94.90, 36.40)));
        var locator = _grid.Services.GetRequiredService<GridLocator>();
        Assert.NotNull(await locator.LocateAsync(36.405, 94.905, TestContext.Current.CancellationToken));

        var outcome = await _grid.ImportAsync(Community, Collection(Square("001", 94.95, 36.40)));

        Assert.Equal((0, 1), (outcome.Created, outcome.Updated));
        Assert.Null(await locator.LocateAsync(36.405, 94.905, TestContext.Current.CancellationToken));
        Assert.Equal("632801001002001", (await locator.LocateAsync(36.405, 94.955, TestContext.Current.CancellationToken))!.Code);
    }

    /// <summary>
    /// A look-up whose rebuild is cut short (a gRPC caller's deadline passing under load, as video-alert's LocateGrid calls
    /// while the standalone demo imports its grids) must leave the index stale: it had cleared the flag, and the next look-up
    /// answered from the old index for ten seconds ("lies in no grid" for a grid just imported, and the demo seed failed).
    /// </summary>
    [Fact]
    public async Task A_look_up_cut_short_while_rebuilding_leaves_the_index_stale_so_the_next_one_sees_the_import()
    {
        var clock = new DeadlineClock();
        var locator = new GridLocator(_grid.Services.GetRequiredService<IServiceScopeFactory>(), clock);
        Assert.Null(await locator.LocateAsync(36.405, 94.905, TestContext.Current.CancellationToken)); // the index, still empty
        await _grid.ImportAsync(Community, Collection(Square("001", 94.90, 36.40)));
        locator.Invalidate(); // as the import does to the service's own locator

        using var deadline = new CancellationTokenSource();
        clock.OnRead = deadline.Cancel; // the caller's deadline passes once the rebuild has begun
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locator.LocateAsync(36.405, 94.905, deadline.Token).AsTask());
        clock.OnRead = null;

        Assert.Equal("632801001002001", (await locator.LocateAsync(36.405, 94.905, TestContext.Current.CancellationToken))?.Code);
    }

    private sealed class DeadlineClock : TimeProvider
    {
        public Action? OnRead { get; set; }

        public override DateTimeOffset GetUtcNow()
        {
            OnRead?.Invoke();
            return base.GetUtcNow();
        }
    }

    [Theory]
    [InlineData("632801/001", "No community has the org path")]
    [InlineData("632801/001/009", "No community has the org path")]
    public async Task Only_a_known_community_takes_grids(string community, string message)
    {
        var e = await Assert.ThrowsAsync<DomainException>(() => _grid.ImportAsync(community, Collection(Square("001", 94.90, 36.40))));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public async Task Bad_properties_and_repeated_sequences_are_named()
    {
        var outcome = await _grid.ImportAsync(Community, Collection(
            Square("001", 94.90, 36.40), Square("001", 94.92, 36.40), Square("1", 94.94, 36.40), Square("004", 94.96, 36.40, type: "castle")));

        Assert.Equal(["The sequence 001 appears more than once in this import."], outcome.Errors!["features[1] (sequence 001)"]);
        Assert.Contains("sequence must be 3 digits", outcome.Errors["features[2] (sequence 1)"][0]);
        Assert.Contains("type 'castle' is not one of", outcome.Errors["features[3] (sequence 004)"][0]);
    }
}
