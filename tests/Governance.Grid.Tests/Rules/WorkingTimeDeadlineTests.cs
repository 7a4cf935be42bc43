using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Grid.Rules;
using Governance.Grid.Tests.Incidents;
using Governance.Grid.Tests.Infrastructure;
using Governance.Grid.WorkingTime;
using Governance.ServiceDefaults.Auth;
using static Governance.Grid.Tests.Infrastructure.GridHost;

namespace Governance.Grid.Tests.Rules;

/// <summary>
/// A category that counts working time gets deadlines in its county's working hours, over the
/// holidays and make-up working days the centre entered, while a wall-clock category runs round the
/// clock. The 2027 days below are a made-up test week (no official 2027 calendar is used): a holiday
/// Monday 8 to Friday 12 March and a make-up Saturday 13 March, entered for county 632801.
/// </summary>
public sealed class WorkingTimeDeadlineTests : IAsyncLifetime
{
    private GridHost _host = null!;
    private HttpClient _admin = null!, _worker = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await GridHost.StartAsync();
        _admin = _host.ClientWithPosts("admin-1", "632801", new Post("admin", OrgPath.Parse("632801")));
        _worker = _host.ClientWithPosts("worker-1", Grid1, new Post("grid_worker", OrgPath.Parse(Grid1)));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTime Beijing(int year, int month, int day, int hour, int minute) => new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    [Fact]
    public async Task The_seeded_national_calendar_holds_national_day_week_2026_with_its_make_up_days()
    {
        var national = await _worker.GetFromJsonAsync<CalendarsApi.CalendarView>("/api/grid/calendars/national?year=2026", Ct);
        Assert.Equal(("08:30-12:00,14:00-17:30", 480), (national!.Periods, national.UtcOffsetMinutes));
        var autumn = national.Days.Where(d => d.Date.Month is 9 or 10).Select(d => (d.Date.ToString("MM-dd"), d.Kind)).ToList();
        Assert.Equal([("09-20", "workday"), ("09-25", "holiday"), ("09-26", "holiday"), ("09-27", "holiday"),
            ("10-01", "holiday"), ("10-02", "holiday"), ("10-03", "holiday"), ("10-04", "holiday"), ("10-05", "holiday"), ("10-06", "holiday"), ("10-07", "holiday"),
            ("10-10", "workday")], autumn);
    }

    [Fact]
    public async Task A_working_time_category_is_due_after_the_countys_holiday_week_and_its_make_up_saturday()
    {
        var put = await _admin.PutAsJsonAsync("/api/grid/calendars/632801/years/2027", new
        {
            days = new object[]
            {
                new { date = "2027-03-08", kind = "holiday", name = "测试假期" }, new { date = "2027-03-09", kind = "holiday", name = "测试假期" },
                new { date = "2027-03-10", kind = "holiday", name = "测试假期" }, new { date = "2027-03-11", kind = "holiday", name = "测试假期" },
                new { date = "2027-03-12", kind = "holiday", name = "测试假期" }, new { date = "2027-03-13", kind = "workday", name = "测试调休上班" },
            },
        }, Ct);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync(Ct));
        var (status, body) = await _admin.PutRulesAsync(RulesClient.Change(await _admin.RulesAsync(), r =>
        {
            var category = r.Category("city_appearance");
            category["countsWorkingTime"] = true;
            category.SetMinutes("normal", "register", 120);
            r.Category("street_order").SetMinutes("normal", "register", 120);
        }));
        Assert.True(status == HttpStatusCode.Created, body.ToString());

        // Friday 5 March 2027, 16:00 in Golmud.
        _host.Clock.Advance(Beijing(2027, 3, 5, 16, 0) - _host.Clock.GetUtcNow().UtcDateTime);
        var counted = await _worker.ReportAsync(IncidentClient.Report("city_appearance"));
        var wallClock = await _worker.ReportAsync(IncidentClient.Report("street_order"));

        // An hour and a half on Friday (to 17:30), nothing over the weekend and the holiday week, the last half hour on
        // Saturday 13 March (调休) from 08:30; shifted by however long the report took after 16:00.
        AssertNear(Beijing(2027, 3, 13, 9, 0) + (counted.ReportedAt - Beijing(2027, 3, 5, 16, 0)), counted.StepDueAt!.Value);
        Assert.Equal(120, Math.Round((wallClock.StepDueAt!.Value - wallClock.ReportedAt).TotalMinutes));
    }

    [Fact]
    public async Task A_county_sets_its_own_hours_with_the_version_it_read()
    {
        var inherited = await _worker.GetFromJsonAsync<CalendarsApi.CalendarView>("/api/grid/calendars/632801", Ct);
        Assert.Equal((false, "08:30-12:00,14:00-17:30", null), (inherited!.OwnHours, inherited.Periods, inherited.Version));
        var created = await _admin.PutAsJsonAsync("/api/grid/calendars/632801", new { periods = "09:00-12:00,13:00-17:00" }, Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        var calendar = (await created.Content.ReadFromJsonAsync<CalendarsApi.CalendarView>(Ct))!;
        Assert.Equal((true, "09:00-12:00,13:00-17:00"), (calendar.OwnHours, calendar.Periods));

        var stale = await _admin.PutAsJsonAsync("/api/grid/calendars/632801", new { periods = "09:00-12:00", version = Guid.NewGuid() }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var changed = await _admin.PutAsJsonAsync("/api/grid/calendars/632801", new { periods = "09:00-12:00", version = calendar.Version }, Ct);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var log = await _worker.GetFromJsonAsync<List<RulesApi.ChangeView>>("/api/grid/rules/changes", Ct);
        Assert.Equal(["calendar 632801", "calendar 632801"], log!.Select(c => c.Subject));
        Assert.All(log!, c => Assert.Equal("admin-1", c.Actor));
    }

    [Theory]
    [InlineData("/api/grid/calendars/632801", """{"periods":"17:00-09:00"}""", "periods")]
    [InlineData("/api/grid/calendars/632801", """{"periods":"09:00-17:00","utcOffsetMinutes":481}""", "utcOffsetMinutes")]
    [InlineData("/api/grid/calendars/632801/years/2027", """{"days":[{"date":"2028-01-01","kind":"holiday","name":"元旦"}]}""", "days[0].date")]
    [InlineData("/api/grid/calendars/632801/years/2027", """{"days":[{"date":"2027-01-01","kind":"rest","name":"元旦"}]}""", "days[0].kind")]
    [InlineData("/api/grid/calendars/999999", """{"periods":"09:00-17:00"}""", "scope")]
    public async Task A_faulty_calendar_change_is_refused_naming_the_field(string path, string json, string field)
    {
        var response = await _admin.PutAsync(path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Only_rules_manage_changes_a_calendar()
    {
        var response = await _worker.PutAsJsonAsync("/api/grid/calendars/national/years/2026", new { days = Array.Empty<object>() }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(39, (await _worker.GetFromJsonAsync<CalendarsApi.CalendarView>("/api/grid/calendars/national?year=2026", Ct))!.Days.Count);
    }

    private static void AssertNear(DateTime expected, DateTime actual) =>
        Assert.True(Math.Abs((actual - expected).TotalSeconds) < 1, $"expected {expected:O}, got {actual:O}");
}
