using Governance.VideoAlert.Tests.Alerts;
using Governance.VideoAlert.Tests.Infrastructure;

namespace Governance.VideoAlert.Tests.OpenApi;

public sealed class VideoAlertOpenApiTests
{
    [Fact]
    public async Task The_videoalert_document_is_served_anonymously_with_its_paths_and_each_refusal()
    {
        await using var host = await VideoAlertHost.StartAsync();

        using var document = await OpenApiDocuments.FetchAsync(host.Http, "videoalert", TestContext.Current.CancellationToken);

        Assert.Equal("Governance video-alert", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        string[] expected =
        [
            "/api/videoalert/alarms", "/api/videoalert/cameras", "/api/videoalert/cameras/import", "/api/videoalert/cameras/{deviceId}", "/api/videoalert/cameras/{deviceId}/alarms",
            "/api/videoalert/cameras/{deviceId}/retire", "/api/videoalert/figures", "/api/videoalert/platforms", "/api/videoalert/alerts", "/api/videoalert/alerts/{id}",
            "/api/videoalert/alerts/{id}/acknowledge", "/api/videoalert/maintenance", "/api/videoalert/maintenance/{id}",
            "/api/videoalert/maintenance/{id}/start", "/api/videoalert/maintenance/{id}/close", "/api/videoalert/routing/rules",
            "/api/videoalert/sources", "/api/videoalert/sources/{id}/revoke", "/api/videoalert/webhook/alarms", "/api/videoalert/webhook/alarms/batch",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), OpenApiDocuments.Paths(document).Order(StringComparer.Ordinal));
        var register = OpenApiDocuments.Responses(document, "/api/videoalert/cameras", "post");
        Assert.Equal(["201", "400", "401", "403", "409", "503"], register.Keys.Order());
        var edit = OpenApiDocuments.Responses(document, "/api/videoalert/cameras/{deviceId}", "patch");
        Assert.Equal(["200", "400", "401", "403", "404", "409", "503"], edit.Keys.Order());
        var retire = OpenApiDocuments.Responses(document, "/api/videoalert/cameras/{deviceId}/retire", "post");
        Assert.Equal(["200", "400", "401", "403", "404", "409"], retire.Keys.Order());
        var acknowledge = OpenApiDocuments.Responses(document, "/api/videoalert/alerts/{id}/acknowledge", "post");
        Assert.Equal(["200", "400", "401", "403", "404", "409"], acknowledge.Keys.Order());
        Assert.Equal(["200", "400", "401", "403", "404", "409"], OpenApiDocuments.Responses(document, "/api/videoalert/maintenance/{id}/close", "post").Keys.Order());

        // Scope boundary: no schema of the document has a property about a person.
        var properties = document.RootElement.GetProperty("components").GetProperty("schemas").EnumerateObject()
            .SelectMany(s => s.Value.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(x => $"{s.Name}.{x.Name}") : []).ToList();
        Assert.Contains("AlertView.kind", properties);
        Assert.Empty(ScopeBoundaryTests.Offending(properties));
        Assert.Equal(["200", "400", "401", "403", "409"], OpenApiDocuments.Responses(document, "/api/videoalert/routing/rules", "put").Keys.Order());

        // The webhook's schema is documented for boxes' vendors: required members, ranges, and no bearer token (a key).
        var webhook = document.RootElement.GetProperty("paths").GetProperty("/api/videoalert/webhook/alarms").GetProperty("post");
        Assert.Equal(["200", "201", "400", "401", "404", "429"], OpenApiDocuments.Responses(document, "/api/videoalert/webhook/alarms", "post").Keys.Order());
        var schema = webhook.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        if (schema.TryGetProperty("$ref", out var reference))
            schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        Assert.Equal(["cameraId", "eventId", "kind", "occurredAt", "priority"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).Order());
        var priority = schema.GetProperty("properties").GetProperty("priority");
        Assert.Equal((1, 4), (priority.GetProperty("minimum").GetInt32(), priority.GetProperty("maximum").GetInt32()));
        Assert.Contains("idempotency", schema.GetProperty("properties").GetProperty("eventId").GetProperty("description").GetString());
    }
}
