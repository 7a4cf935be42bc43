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
            "/api/videoalert/alarms", "/api/videoalert/cameras", "/api/videoalert/cameras/{deviceId}", "/api/videoalert/cameras/{deviceId}/alarms",
            "/api/videoalert/figures", "/api/videoalert/platforms",
            "/api/videoalert/maintenance", "/api/videoalert/routing/rules",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), OpenApiDocuments.Paths(document).Order(StringComparer.Ordinal));
        var register = OpenApiDocuments.Responses(document, "/api/videoalert/cameras", "post");
        Assert.Equal(["201", "400", "401", "403", "409", "503"], register.Keys.Order());
        var edit = OpenApiDocuments.Responses(document, "/api/videoalert/cameras/{deviceId}", "patch");
        Assert.Equal(["200", "400", "401", "403", "404", "409", "503"], edit.Keys.Order());
        Assert.Equal(["200", "400", "401", "403", "409"], OpenApiDocuments.Responses(document, "/api/videoalert/routing/rules", "put").Keys.Order());
    }
}
