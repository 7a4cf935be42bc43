using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Tests.Open311;

public sealed class Open311ServicesTests(Open311HostFixture fixture) : IClassFixture<Open311HostFixture>
{
    private readonly HttpClient _app = fixture.Host.Anonymous();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_names_the_v2_endpoint_and_both_formats_without_a_key()
    {
        using var json = JsonDocument.Parse(await _app.GetStringAsync("/open311/v2/discovery.json", Ct));
        var endpoint = json.RootElement.GetProperty("endpoints")[0];
        Assert.Equal("http://wiki.open311.org/GeoReport_v2", endpoint.GetProperty("specification").GetString());
        Assert.EndsWith("/open311/v2", endpoint.GetProperty("url").GetString());
        Assert.Equal(["text/xml", "application/json"], endpoint.GetProperty("formats").EnumerateArray().Select(f => f.GetString()));
        Assert.Matches(@"[+-]\d\d:\d\d$", json.RootElement.GetProperty("changeset").GetString());

        var xml = XDocument.Parse(await _app.GetStringAsync("/open311/v2/discovery.xml", Ct));
        Assert.Equal("discovery", xml.Root!.Name.LocalName);
        Assert.Equal(["text/xml", "application/json"], xml.Root.Element("endpoints")!.Element("endpoint")!.Element("formats")!.Elements("format").Select(f => f.Value));
        Assert.Equal("UTF-8", xml.Declaration!.Encoding, ignoreCase: true);
    }

    [Theory]
    [InlineData("json", "application/json")]
    [InlineData("xml", "text/xml")]
    public async Task Services_list_the_categories_offered_to_citizens(string format, string contentType)
    {
        var answer = await _app.GetAnswerAsync($"services.{format}", format);
        Assert.Equal((HttpStatusCode.OK, contentType), (answer.Status, answer.ContentType));
        var manhole = answer.Items.Single(s => s["service_code"] == "public_facilities");
        Assert.Equal(("公共设施", "true", "realtime", "UrbanManagement"), (manhole["service_name"], manhole["metadata"], manhole["type"], manhole["group"]));
        Assert.All(answer.Items, s => Assert.Equal(["service_code", "service_name", "description", "metadata", "type", "keywords", "group"], s.Keys));
        Assert.Equal(9, answer.Items.Count);
    }

    [Fact]
    public async Task A_category_kept_internal_is_not_a_service()
    {
        await fixture.Host.QueryAsync(async db =>
        {
            await db.Categories.Where(c => c.Code == "market").ExecuteUpdateAsync(u => u.SetProperty(c => c.OfferedToCitizens, false), Ct);
            return 0;
        });
        try
        {
            var answer = await _app.GetAnswerAsync("services.json", "json");
            Assert.DoesNotContain(answer.Items, s => s["service_code"] == "market");
            Assert.Equal(HttpStatusCode.NotFound, (await _app.GetAnswerAsync("services/market.json", "json")).Status);
        }
        finally
        {
            await fixture.Host.QueryAsync(db => db.Categories.Where(c => c.Code == "market").ExecuteUpdateAsync(u => u.SetProperty(c => c.OfferedToCitizens, true), Ct));
        }
    }

    [Fact]
    public async Task A_service_definition_has_the_spec_shape_in_both_formats()
    {
        using var json = JsonDocument.Parse(await _app.GetStringAsync("/open311/v2/services/city_appearance.json", Ct));
        Assert.Equal("city_appearance", json.RootElement.GetProperty("service_code").GetString());
        var attribute = Assert.Single(json.RootElement.GetProperty("attributes").EnumerateArray());
        Assert.Equal(("coordinate_system", "singlevaluelist", false), (attribute.GetProperty("code").GetString(), attribute.GetProperty("datatype").GetString(),
            attribute.GetProperty("required").GetBoolean()));
        Assert.Equal(["wgs84", "gcj02", "bd09"], attribute.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("key").GetString()));

        var xml = XDocument.Parse(await _app.GetStringAsync("/open311/v2/services/city_appearance.xml", Ct));
        Assert.Equal("service_definition", xml.Root!.Name.LocalName);
        Assert.Equal(["service_code", "attributes"], xml.Root.Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public async Task An_unknown_format_suffix_is_404_with_the_error_list_in_json()
    {
        var answer = await _app.GetAnswerAsync("services.html", "json");
        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
        Assert.Equal(("404", "No format 'html': Open311 here answers in .json or .xml."), (answer.Single["code"], answer.Single["description"]));
    }
}
