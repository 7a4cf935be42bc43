using System.Net;
using System.Net.Http.Json;
using Governance.Grid.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Open311;

/// <summary>
/// Open311's reads are anonymous: they publish no phone or ID number a citizen typed, no point
/// finer than about 100 m; staff never see the citizen's account as an actor; and no control
/// character gets in to break requests.xml.
/// </summary>
public sealed class Open311PrivacyTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private HttpClient _app = null!, _operator = null!;
    private string _key = "";

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync(Open311Calls.Unthrottled);
        _key = await _host.CreateKeyAsync();
        _app = _host.Anonymous();
        _operator = _host.ClientAs("operator-1", Street, "centre_operator");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Anonymous_reads_hide_numbers_and_round_the_point_while_staff_see_what_was_sent()
    {
        var report = Open311Calls.Report(_key, lat: 36.405678, lng: 94.905432);
        report["description"] = "井盖丢了，联系我 138 0013 8000 或 0979-8412345，身份证 63280119900101123X，门牌 12 号";
        var posted = await _app.PostAsync("json", report);
        Assert.Equal(HttpStatusCode.Created, posted.Status);
        var id = posted.Single["service_request_id"];

        foreach (var format in new[] { "json", "xml" })
        {
            var request = (await _app.GetAnswerAsync($"requests/{id}.{format}", format)).Single;
            Assert.Equal("井盖丢了，联系我 [号码已隐去 number removed] 或 [号码已隐去 number removed]，身份证 [号码已隐去 number removed]，门牌 12 号",
                request["description"]);
            Assert.Equal(("36.406", "94.905"), (request["lat"], request["long"]));
        }

        var staff = (await _operator.GetFromJsonAsync<List<IncidentView>>("/api/grid/incidents", Ct))!.Single();
        Assert.Contains("138 0013 8000", staff.Description);
        Assert.Equal((36.405678, 94.905432), (staff.Latitude, staff.Longitude));
    }

    [Fact]
    public async Task Staff_see_the_app_as_the_reporter_never_the_citizens_account()
    {
        await _app.ReportAsync(_key);
        var incident = await _host.QueryAsync(db => db.Incidents.SingleAsync(Ct));

        var timeline = (await _operator.GetFromJsonAsync<List<StepView>>($"/api/grid/incidents/{incident.Id}/timeline", Ct))!;
        var report = Assert.Single(timeline, s => s.Action == "report");
        Assert.StartsWith("open311:", report.Actor);
        Assert.DoesNotContain("app-user-42", report.Actor);
        Assert.DoesNotContain("app-user-42", await (await _operator.GetAsync($"/api/grid/incidents/{incident.Id}", Ct)).Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("description", "井盖\u0007丢了", "description")]
    [InlineData("address_string", "昆仑路\u001B12号", "address_string")]
    [InlineData("address_string", "昆仑路\u000012号", "body")] // ASP.NET refuses a NUL before fields are read
    public async Task A_control_character_is_refused_naming_its_field_and_requests_xml_stays_readable(string field, string value, string named)
    {
        var report = Open311Calls.Report(_key);
        report[field] = value;
        var refused = await _app.PostAsync("json", report);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        // Open311's error list has no field key: its description names the field.
        Assert.Contains("控制字符", refused.Body);
        if (named != "body") Assert.Contains($"\"description\":\"{named} 含有控制字符", refused.Body);

        await _app.ReportAsync(_key);
        Assert.Equal(HttpStatusCode.OK, (await _app.GetAnswerAsync("requests.xml", "xml")).Status);
        Assert.Equal(1, await _host.QueryAsync(db => db.Incidents.CountAsync(Ct)));
    }
}
