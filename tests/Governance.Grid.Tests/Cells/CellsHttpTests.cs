using System.Net;
using System.Text;
using System.Text.Json;
using Governance.Grid.Cells;
using Governance.Grid.Tests.Infrastructure;
using static Governance.Grid.Tests.Cells.Features;

namespace Governance.Grid.Tests.Cells;

/// <summary>
/// The import limits and the GeoJSON written back, over real Kestrel: each limit answers 400 with
/// problem details naming the feature, and what the service writes imports again unchanged.
/// </summary>
public sealed class CellsHttpTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync();
        _admin = _host.ClientAs("admin-1", "632801", "admin");
    }

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task A_polygon_of_10000_vertices_is_taken_and_one_of_10001_is_refused_naming_its_feature()
    {
        var taken = await ImportAsync(Collection(Circle("003", 94.95, 36.45, vertices: 10_000)));
        Assert.Equal(HttpStatusCode.OK, taken.Status);

        var refused = await ImportAsync(Collection(Square("004", 94.90, 36.42), Circle("005", 94.97, 36.45, vertices: 10_001)));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("features[1] 中有多边形超过 10000 个顶点，超出单个网格多边形的上限。", Error(refused.Body, "features[1]"));
        Assert.Equal(3, await CellCountAsync());
    }

    [Fact]
    public async Task More_than_5000_features_are_refused_before_any_is_read()
    {
        var features = Enumerable.Range(0, ImportLimits.MaxFeatures + 1).Select(i => Square($"{i % 999 + 1:D3}", 90 + i % 100 * 0.01, 30 + i / 100 * 0.01)).ToArray();

        var refused = await ImportAsync(Collection(features));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("一次导入最多 5000 个要素；features[5000] 超出了上限。", Error(refused.Body, "features"));
    }

    [Fact]
    public async Task More_than_a_million_vertices_in_one_import_are_refused_naming_the_feature_that_passes_the_limit()
    {
        // 101 polygons of 9,901 vertices: each within the polygon limit, 1,000,001 together.
        var features = Enumerable.Range(0, 101).Select(i => Circle($"{i + 3:D3}", 90 + i * 0.1, 30, vertices: 9_901)).ToArray();

        var refused = await ImportAsync(Collection(features));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("一次导入最多 1000000 个顶点；features[100] 使其超出上限。", Error(refused.Body, "features[100]"));
        Assert.Equal(2, await CellCountAsync());
    }

    [Fact]
    public async Task A_body_past_the_size_limit_is_refused_with_413()
    {
        // Expect: 100-continue lets the client hear the refusal before it sends what the server will not read.
        var refused = await ImportAsync(new string(' ', 32 * 1024 * 1024 + 1), expectContinue: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.Status);
        Assert.Equal("application/problem+json", refused.ContentType);
    }

    [Fact]
    public async Task Invalid_geometry_over_http_is_refused_naming_the_feature_and_ring()
    {
        var open = new { type = "Polygon", coordinates = new[] { new[] { new[] { 94.9, 36.5 }, new[] { 94.91, 36.5 }, new[] { 94.91, 36.51 }, new[] { 94.9, 36.51 } } } };

        var refused = await ImportAsync(Collection(WithGeometry("003", open)));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("coordinates[0] is not closed: its last position must repeat its first.", Error(refused.Body, "features[0] (sequence 003)"));
    }

    [Fact]
    public async Task The_grids_written_out_import_again_unchanged()
    {
        await ImportAsync(Collection(Circle("003", 94.95, 36.45, vertices: 64), WithGeometry("004", Donut(94.98, 36.45))));
        var before = await _admin.GetStringAsync($"/api/grid/cells?community={GridHost.Community}", TestContext.Current.CancellationToken);

        var again = await ImportAsync(before);
        var after = await _admin.GetStringAsync($"/api/grid/cells?community={GridHost.Community}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(4, JsonDocument.Parse(again.Body).RootElement.GetProperty("updated").GetInt32());
        Assert.Equal(before, after);
        using var written = JsonDocument.Parse(after);
        var donut = written.RootElement.GetProperty("features")[3];
        Assert.Equal("632801001002004", donut.GetProperty("id").GetString());
        Assert.Equal("632801001002004", donut.GetProperty("properties").GetProperty("code").GetString());
        Assert.Equal(2, donut.GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
        var single = await _admin.GetStringAsync("/api/grid/cells/632801001002004", TestContext.Current.CancellationToken);
        Assert.Equal(donut.GetRawText(), single);
    }

    private async Task<(HttpStatusCode Status, string Body, string? ContentType)> ImportAsync(string body, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/grid/cells/import?community={GridHost.Community}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/geo+json"),
            Headers = { ExpectContinue = expectContinue },
        };
        using var answer = await _admin.SendAsync(request, TestContext.Current.CancellationToken);
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), answer.Content.Headers.ContentType?.MediaType);
    }

    private static string? Error(string problem, string key)
    {
        using var json = JsonDocument.Parse(problem);
        return json.RootElement.GetProperty("errors").GetProperty(key)[0].GetString();
    }

    private Task<int> CellCountAsync() => _host.QueryAsync(db => Task.FromResult(db.Cells.Count()));

    /// <summary>A polygon of <paramref name="vertices"/> positions (the closing one included) around a centre, 0.004° across.</summary>
    private static object Circle(string sequence, double x, double y, int vertices) => WithGeometry(sequence, new
    {
        type = "Polygon",
        coordinates = new[] { Ring(x, y, 0.002, vertices, clockwise: false) },
    });

    /// <summary>A square with a square hole: a second ring that must survive the round trip.</summary>
    private static object Donut(double x, double y) => new
    {
        type = "Polygon",
        coordinates = new[] { Ring(x, y, 0.004, 5, clockwise: false), Ring(x, y, 0.001, 5, clockwise: true) },
    };

    private static double[][] Ring(double x, double y, double radius, int positions, bool clockwise)
    {
        var sign = clockwise ? -1 : 1;
        var ring = Enumerable.Range(0, positions - 1)
            .Select(i => new[] { Math.Round(x + radius * Math.Cos(sign * 2 * Math.PI * i / (positions - 1)), 7), Math.Round(y + radius * Math.Sin(sign * 2 * Math.PI * i / (positions - 1)), 7) })
            .ToList();
        ring.Add(ring[0]);
        return ring.ToArray();
    }
}
