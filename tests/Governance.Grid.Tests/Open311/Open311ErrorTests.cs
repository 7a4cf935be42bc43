using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Tests.Open311;

/// <summary>Every refusal the spec names, in both formats: status, and a list of {code, description}; none leaves an incident behind.</summary>
public sealed class Open311ErrorTests(Open311HostFixture fixture) : IClassFixture<Open311HostFixture>
{
    // The descriptions below are the English; a Chinese app is answered in Chinese (the last test).
    private readonly HttpClient _app = English(fixture.Host.Anonymous());

    private static HttpClient English(HttpClient client)
    {
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");
        return client;
    }

    public static TheoryData<string, string, HttpStatusCode, string> Refusals()
    {
        var data = new TheoryData<string, string, HttpStatusCode, string>();
        foreach (var format in new[] { "json", "xml" })
        {
            data.Add("no api_key", format, HttpStatusCode.Forbidden, "api_key is required");
            data.Add("bad api_key", format, HttpStatusCode.Forbidden, "api_key is not valid");
            data.Add("forged secret", format, HttpStatusCode.Forbidden, "api_key is not valid");
            data.Add("unknown service", format, HttpStatusCode.NotFound, "No service 'ufo'");
            data.Add("no lat/long", format, HttpStatusCode.BadRequest, "lat and long are required");
            data.Add("address only", format, HttpStatusCode.BadRequest, "A location point (lat and long) is needed");
            data.Add("bad lat", format, HttpStatusCode.BadRequest, "lat 'north' is not a number");
            data.Add("outside every grid", format, HttpStatusCode.BadRequest, "lies outside every grid");
            data.Add("description too long", format, HttpStatusCode.BadRequest, "description must be at most 4000 characters");
            data.Add("bad media_url", format, HttpStatusCode.BadRequest, "media_url must be an absolute http(s) URL");
            data.Add("unknown attribute", format, HttpStatusCode.BadRequest, "has no attribute 'colour'");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_post_answers_the_spec_error_list(string refusal, string format, HttpStatusCode status, string description)
    {
        var form = Open311Calls.Report(fixture.ApiKey);
        switch (refusal)
        {
            case "no api_key": form.Remove("api_key"); break;
            case "bad api_key": form["api_key"] = "not-a-key"; break;
            case "forged secret": form["api_key"] = fixture.ApiKey[..17] + new string('A', 43); break;
            case "unknown service": form["service_code"] = "ufo"; break;
            case "no lat/long": form.Remove("lat"); form.Remove("long"); form.Remove("address_string"); break;
            case "address only": form.Remove("lat"); form.Remove("long"); break;
            case "bad lat": form["lat"] = "north"; break;
            case "outside every grid": (form["lat"], form["long"]) = ("36.5", "95.5"); break;
            case "description too long": form["description"] = new string('井', 4001); break;
            case "bad media_url": form["media_url"] = "ftp://files.example/x.jpg"; break;
            case "unknown attribute": form["attribute[colour]"] = "red"; break;
        }
        await AssertRefusedAsync(await _app.PostAsync(format, form), status, description);
        Assert.Equal(0, await fixture.Host.QueryAsync(db => db.Incidents.CountAsync(TestContext.Current.CancellationToken)));
    }

    [Theory]
    [InlineData("requests.{0}?start_date=yesterday", HttpStatusCode.BadRequest, "start_date 'yesterday' is not an ISO 8601 date-time")]
    [InlineData("requests.{0}?start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z", HttpStatusCode.BadRequest, "at most 90 days")]
    [InlineData("requests.{0}?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z", HttpStatusCode.BadRequest, "start_date must not be after end_date")]
    [InlineData("requests.{0}?status=pending", HttpStatusCode.BadRequest, "status 'pending' must be open, closed or both")]
    [InlineData("requests.{0}?service_code=ufo", HttpStatusCode.NotFound, "No service 'ufo'")]
    [InlineData("requests/20260101-999999.{0}", HttpStatusCode.NotFound, "No service request 20260101-999999")]
    [InlineData("services/ufo.{0}", HttpStatusCode.NotFound, "No service 'ufo'")]
    [InlineData("tokens/nothing.{0}", HttpStatusCode.NotFound, "No token nothing")]
    public async Task A_refused_get_answers_the_spec_error_list_in_both_formats(string path, HttpStatusCode status, string description)
    {
        foreach (var format in new[] { "json", "xml" })
            await AssertRefusedAsync(await _app.GetAnswerAsync(string.Format(path, format), format), status, description);
    }

    [Fact]
    public async Task A_post_that_is_not_a_form_is_refused()
    {
        var response = await _app.PostAsync("/open311/v2/requests.json", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("application/x-www-form-urlencoded", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_refusal_is_described_in_Chinese_unless_the_app_prefers_English()
    {
        using var app = fixture.Host.Anonymous();
        await AssertRefusedAsync(await app.GetAnswerAsync("services/ufo.json", "json"), HttpStatusCode.NotFound, "没有服务“ufo”：GET /open311/v2/services 列出了所提供的服务。");
        app.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB, zh;q=0.5");
        await AssertRefusedAsync(await app.GetAnswerAsync("services/ufo.xml", "xml"), HttpStatusCode.NotFound, "No service 'ufo': GET /open311/v2/services lists the services offered.");
    }

    private static Task AssertRefusedAsync(Answer answer, HttpStatusCode status, string description)
    {
        if (answer.ContentType == "text/xml") Assert.Equal("errors", System.Xml.Linq.XDocument.Parse(answer.Body).Root!.Name.LocalName);
        Assert.True(answer.Status == status, $"{(int)answer.Status}: {answer.Body}");
        var error = answer.Single;
        Assert.Equal(((int)status).ToString(), error["code"]);
        Assert.Contains(description, error["description"]);
        Assert.Equal(["code", "description"], error.Keys);
        return Task.CompletedTask;
    }
}
