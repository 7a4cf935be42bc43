using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Grid.V1;
using Governance.Grid.Coordinates;
using Governance.Grid.Tests.Grpc;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Governance.Grid.Tests.Open311;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Coordinates;

/// <summary>
/// A phone in grid 001, 50 m west of grid 002, sends its position in GCJ-02 or BD-09: taken as
/// WGS-84 it would land in grid 002 (the shift in Golmud is about 80 m east); converted, it lands in
/// 001, and the incident keeps what was sent beside the converted point. Over REST, gRPC and Open311.
/// </summary>
public sealed class CoordinateIntakeTests : IAsyncLifetime
{
    private const double Lat = 36.405, Lng = 94.9095;   // WGS-84, in grid 001 (94.90–94.91)
    private const string Grid001 = "632801001002001", Grid002 = "632801001002002";

    private GridHost _host = null!;
    private HttpClient _worker = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync(Open311Calls.Unthrottled);
        _worker = _host.ClientAs("worker-1", Community, "grid_worker");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (double Lat, double Lng) Gcj => ChinaCoordinates.Wgs84ToGcj02(Lat, Lng);
    private static (double Lat, double Lng) Bd => ChinaCoordinates.Gcj02ToBd09(Gcj.Lat, Gcj.Lng);

    [Fact]
    public async Task The_sent_point_taken_as_wgs84_would_land_in_the_neighbouring_grid()
    {
        var raw = await _worker.ReportAsync(IncidentClient.Report(lat: Gcj.Lat, lng: Gcj.Lng));
        Assert.Equal((Grid002, "wgs84"), (raw.GridCode, raw.SentCoordinateSystem));
    }

    [Theory]
    [InlineData("gcj02")]
    [InlineData("bd09")]
    public async Task A_rest_report_in_a_chinese_datum_is_converted_before_the_grid_look_up(string system)
    {
        var (sentLat, sentLng) = system == "gcj02" ? Gcj : Bd;
        var response = await _worker.PostAsJsonAsync("/api/grid/incidents", new
        {
            source = "patrol", category = "city_appearance", title = "井盖缺失", latitude = sentLat, longitude = sentLng, coordinateSystem = system,
        }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var incident = (await response.Content.ReadFromJsonAsync<Grid.Incidents.IncidentsApi.ReportedView>(Ct))!.Incident;
        Assert.Equal(Grid001, incident.GridCode);
        Assert.True(ChinaCoordinatesTests.Metres(incident.Latitude, incident.Longitude, Lat, Lng) < 0.5);
        Assert.Equal((system, sentLat, sentLng), (incident.SentCoordinateSystem, incident.SentLatitude!.Value, incident.SentLongitude!.Value));

        var stored = await _host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Ct));
        Assert.Equal((system, sentLat, sentLng, Grid001), (stored.SentCoordinateSystem, stored.SentLatitude!.Value, stored.SentLongitude!.Value, stored.GridCode));
    }

    [Fact]
    public async Task An_unknown_coordinate_system_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var response = await _worker.PostAsJsonAsync("/api/grid/incidents", new
        {
            source = "patrol", category = "city_appearance", title = "井盖缺失", latitude = Lat, longitude = Lng, coordinateSystem = "cgcs2000",
        }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("coordinateSystem", problem.ToString());
        Assert.Equal(0, await _host.QueryAsync(db => db.Incidents.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_grpc_report_names_its_coordinate_system()
    {
        using var grpc = new GridGrpc(_host);
        var token = grpc.Token("handler-1", "632801", "department_handler", Department);
        var reply = await grpc.Client.ReportIncidentAsync(new ReportIncidentRequest
        {
            Source = "department", Category = "city_appearance", Title = "井盖缺失", Latitude = Gcj.Lat, Longitude = Gcj.Lng, CoordinateSystem = "gcj02",
        }, grpc.As(token));
        Assert.Equal((Grid001, "gcj02", Gcj.Lat, Gcj.Lng), (reply.Incident.GridCode, reply.Incident.SentCoordinateSystem, reply.Incident.SentLatitude, reply.Incident.SentLongitude));

        var refused = await grpc.StatusOfAsync(() => grpc.Client.ReportIncidentAsync(new ReportIncidentRequest
        {
            Source = "department", Category = "city_appearance", Title = "井盖缺失", Latitude = Lat, Longitude = Lng, CoordinateSystem = "mercator",
        }, grpc.As(token)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, refused);
    }

    [Fact]
    public async Task An_open311_report_names_its_coordinate_system_as_an_attribute()
    {
        var key = await _host.CreateKeyAsync();
        var app = _host.Anonymous();
        var fields = Open311Calls.Report(key, lat: Bd.Lat, lng: Bd.Lng);
        fields["attribute[coordinate_system]"] = "bd09";
        var answer = await app.PostAsync("json", fields);
        Assert.True(answer.Status == HttpStatusCode.Created, answer.Body);
        var number = answer.Single["service_request_id"];
        var stored = await _host.QueryAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.Number == number, Ct));
        Assert.Equal((Grid001, "bd09", Bd.Lat), (stored.GridCode, stored.SentCoordinateSystem, stored.SentLatitude!.Value));

        var shown = (await app.GetAnswerAsync($"requests/{number}.json", "json")).Single;
        Assert.True(ChinaCoordinatesTests.Metres(double.Parse(shown["lat"]!, CultureInfo.InvariantCulture), double.Parse(shown["long"]!, CultureInfo.InvariantCulture), Lat, Lng) < 200,
            "Open311 shows the WGS-84 point (rounded for the public, at most)");

        fields["attribute[coordinate_system]"] = "utm";
        var refused = await app.PostAsync("json", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("coordinate_system", refused.Body);
    }
}
