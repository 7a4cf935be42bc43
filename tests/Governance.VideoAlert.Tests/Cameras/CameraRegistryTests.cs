using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.VideoAlert;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Cameras;

/// <summary>
/// The camera registry over REST: GB/T 28181 ids checked field by field, the point placed in its grid by a real grid
/// host's LocateGrid (the camera's org is the grid's), duplicates refused, edits guarded by the version read, the SIP
/// password stored encrypted and never returned, and every read scoped to the caller's org subtree.
/// </summary>
public sealed class CameraRegistryTests() : GridAndVideoAlertHosts
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<JsonElement> RegisterAsync(object body)
    {
        using var response = await Admin.PostAsJsonAsync("/api/videoalert/cameras", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {text}");
        if (field is not null) Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }

    [Fact]
    public async Task A_camera_is_registered_in_the_grid_its_point_lies_in_and_read_back_without_its_password()
    {
        var camera = await RegisterAsync(CameraBodies.Body());

        Assert.Equal("632801001002001", camera.GetProperty("gridCode").GetString());
        Assert.Equal(Grid1, camera.GetProperty("orgPath").GetString());
        Assert.Equal(132, camera.GetProperty("typeCode").GetInt32());
        Assert.Equal("IP camera", camera.GetProperty("kind").GetString());
        Assert.Equal("unknown", camera.GetProperty("status").GetString());
        Assert.True(camera.GetProperty("ownPassword").GetBoolean());
        var read = await As("centre_operator", County).GetFromJsonAsync<JsonElement>($"/api/videoalert/cameras/{CameraBodies.Camera1}", Ct);
        Assert.Equal("昆仑路与黄河路口", read.GetProperty("name").GetString());
        Assert.DoesNotContain(CameraBodies.Password, read.GetRawText());
        Assert.False(read.TryGetProperty("password", out _));

        // Stored encrypted, bound to its device: the column is not the password, and it opens only as this camera's.
        var stored = await Host.QueryAsync(db => db.Cameras.SingleAsync(c => c.DeviceId == CameraBodies.Camera1, Ct));
        Assert.DoesNotContain(CameraBodies.Password, System.Text.Encoding.UTF8.GetString(stored.SipPassword!));
        Assert.Equal(CameraBodies.Password, Host.Services.GetRequiredService<SipSecrets>().Unprotect(CameraBodies.Camera1, stored.SipPassword!));
        Assert.ThrowsAny<Exception>(() => Host.Services.GetRequiredService<SipSecrets>().Unprotect(CameraBodies.Camera2, stored.SipPassword!));

        var registered = Assert.Single(await Host.Events.AllAsync<CameraRegistered>(_ => true));
        Assert.Equal((CameraBodies.Camera1, 132, "632801001002001", Grid1, "public", true),
            (registered.DeviceId, registered.TypeCode, registered.GridCode, registered.OrgPath, registered.Owner, registered.KeyArea));
    }

    [Theory]
    [InlineData("6328010000132000001", "deviceId")]      // 19 digits
    [InlineData("632801000013200000A1", "deviceId")]     // a letter in the serial
    [InlineData("00000000001320000001", "deviceId")]     // no division code
    [InlineData("63280100002000000009", "deviceId")]     // type 200: a platform, not a camera
    public async Task A_bad_device_id_is_refused_naming_deviceId_and_nothing_is_written(string deviceId, string field)
    {
        using var response = await Admin.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body(deviceId), Ct);
        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await Host.QueryAsync(db => db.Cameras.CountAsync(Ct)));
    }

    [Fact]
    public async Task Bad_fields_are_refused_each_naming_its_field()
    {
        var cases = new (object Body, string Field)[]
        {
            (new { deviceId = CameraBodies.Camera1, name = "", longitude = 94.905, latitude = 36.405, owner = "public", password = CameraBodies.Password }, "name"),
            (new { deviceId = CameraBodies.Camera1, name = "路口", latitude = 36.405, owner = "public", password = CameraBodies.Password }, "longitude"),
            (new { deviceId = CameraBodies.Camera1, name = "路口", longitude = 94.905, latitude = 91.0, owner = "public", password = CameraBodies.Password }, "latitude"),
            (new { deviceId = CameraBodies.Camera1, name = "路口", longitude = 94.905, latitude = 36.405, owner = "private", password = CameraBodies.Password }, "owner"),
            (new { deviceId = CameraBodies.Camera1, name = "路口", longitude = 94.905, latitude = 36.405, owner = "public", password = "short" }, "password"),
            (new { deviceId = CameraBodies.Camera1, name = "路口", longitude = 94.905, latitude = 36.405, owner = "public" }, "password"),
            (new { deviceId = CameraBodies.Camera1, name = "路口", longitude = 94.905, latitude = 36.405, owner = "public", platformId = CameraBodies.Platform }, "platformId"),
            (new { deviceId = CameraBodies.Camera1, name = "路口", longitude = 95.5, latitude = 36.5, owner = "public", password = CameraBodies.Password }, "latitude"),
        };
        foreach (var (body, field) in cases)
        {
            using var response = await Admin.PostAsJsonAsync("/api/videoalert/cameras", body, Ct);
            await AssertRefusedAsync(response, HttpStatusCode.BadRequest, field);
        }
        Assert.Equal(0, await Host.QueryAsync(db => db.Cameras.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_same_device_id_twice_is_a_409_and_one_camera()
    {
        await RegisterAsync(CameraBodies.Body());
        using var again = await Admin.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body(at: GridForCameras.InGrid2), Ct);
        await AssertRefusedAsync(again, HttpStatusCode.Conflict);
        Assert.Equal(1, await Host.QueryAsync(db => db.Cameras.CountAsync(Ct)));
        Assert.Single(await Host.Events.AllAsync<CameraRegistered>(_ => true));
    }

    [Fact]
    public async Task Two_registrations_of_one_id_at_once_make_one_camera()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Admin.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body(), Ct)));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, await Host.QueryAsync(db => db.Cameras.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_camera_of_a_lower_platform_uses_its_platform_and_needs_one_in_reach()
    {
        using var platform = await Admin.PostAsJsonAsync("/api/videoalert/platforms",
            new { deviceId = CameraBodies.Platform, name = "社会资源平台", orgPath = County, password = "platform-pass" }, Ct);
        Assert.Equal(HttpStatusCode.Created, platform.StatusCode);
        Assert.DoesNotContain("platform-pass", await platform.Content.ReadAsStringAsync(Ct));
        using var twice = await Admin.PostAsJsonAsync("/api/videoalert/platforms",
            new { deviceId = CameraBodies.Platform, name = "社会资源平台", orgPath = County, password = "platform-pass" }, Ct);
        await AssertRefusedAsync(twice, HttpStatusCode.Conflict);
        using var notPlatform = await Admin.PostAsJsonAsync("/api/videoalert/platforms",
            new { deviceId = CameraBodies.Camera2, name = "x", orgPath = County, password = "platform-pass" }, Ct);
        await AssertRefusedAsync(notPlatform, HttpStatusCode.BadRequest, "deviceId");

        var camera = await RegisterAsync(CameraBodies.Body(CameraBodies.Camera2, owner: "social", password: null, platformId: CameraBodies.Platform));
        Assert.Equal(CameraBodies.Platform, camera.GetProperty("platformId").GetString());
        Assert.False(camera.GetProperty("ownPassword").GetBoolean());
        Assert.Equal("camera", camera.GetProperty("kind").GetString());

        // An admin of the community does not reach the county's platform.
        using var outOfReach = await As("admin", Community).PostAsJsonAsync("/api/videoalert/cameras",
            CameraBodies.Body(CameraBodies.Camera1, password: null, platformId: CameraBodies.Platform), Ct);
        await AssertRefusedAsync(outOfReach, HttpStatusCode.BadRequest, "platformId");
    }

    [Fact]
    public async Task Reads_and_lists_are_scoped_to_the_callers_subtree()
    {
        await RegisterAsync(CameraBodies.Body(CameraBodies.Camera1, GridForCameras.InGrid1));
        await RegisterAsync(CameraBodies.Body(CameraBodies.Camera2, GridForCameras.InGrid2));

        var leader1 = As("grid_leader", Grid1);
        var mine = await leader1.GetFromJsonAsync<JsonElement>("/api/videoalert/cameras", Ct);
        Assert.Equal([CameraBodies.Camera1], mine.EnumerateArray().Select(c => c.GetProperty("deviceId").GetString()));
        using var notMine = await leader1.GetAsync($"/api/videoalert/cameras/{CameraBodies.Camera2}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, notMine.StatusCode);

        var otherCommunity = As("grid_leader", OtherCommunity);
        Assert.Empty((await otherCommunity.GetFromJsonAsync<JsonElement>("/api/videoalert/cameras", Ct)).EnumerateArray());
        using var single = await otherCommunity.GetAsync($"/api/videoalert/cameras/{CameraBodies.Camera1}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);

        var centre = As("centre_operator", County);
        var page = await centre.GetFromJsonAsync<JsonElement>("/api/videoalert/cameras?limit=1&offset=1", Ct);
        Assert.Equal([CameraBodies.Camera2], page.EnumerateArray().Select(c => c.GetProperty("deviceId").GetString()));
        Assert.Equal(2, (await centre.GetFromJsonAsync<JsonElement>($"/api/videoalert/cameras?org={Community}", Ct)).GetArrayLength());
        using var badLimit = await centre.GetAsync("/api/videoalert/cameras?limit=0", Ct);
        await AssertRefusedAsync(badLimit, HttpStatusCode.BadRequest, "limit");

        // A grid worker holds no camera permission; a grid leader reads but does not register.
        using var workerLists = await As("grid_worker", Grid1).GetAsync("/api/videoalert/cameras", Ct);
        await AssertRefusedAsync(workerLists, HttpStatusCode.Forbidden);
        using var leaderRegisters = await leader1.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body("63280100001320000003"), Ct);
        await AssertRefusedAsync(leaderRegisters, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_edit_names_the_version_it_read_moves_the_camera_to_its_new_grid_and_a_stale_one_is_a_409()
    {
        await RegisterAsync(CameraBodies.Body());
        var url = $"/api/videoalert/cameras/{CameraBodies.Camera1}";

        using var noVersion = await Admin.PatchAsJsonAsync(url, new { name = "新名" }, Ct);
        await AssertRefusedAsync(noVersion, HttpStatusCode.BadRequest, "version");
        using var badOwner = await Admin.PatchAsJsonAsync(url, new { version = 1, owner = "nobody" }, Ct);
        await AssertRefusedAsync(badOwner, HttpStatusCode.BadRequest, "owner");

        using var moved = await Admin.PatchAsJsonAsync(url, new
        {
            version = 1, name = "黄河路口", longitude = GridForCameras.InGrid2.Longitude, latitude = GridForCameras.InGrid2.Latitude, keyArea = false,
        }, Ct);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var camera = await moved.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((2, "黄河路口", Grid2, "632801001002002", false), (camera.GetProperty("version").GetInt32(), camera.GetProperty("name").GetString(),
            camera.GetProperty("orgPath").GetString(), camera.GetProperty("gridCode").GetString(), camera.GetProperty("keyArea").GetBoolean()));

        using var stale = await Admin.PatchAsJsonAsync(url, new { version = 1, name = "又一名" }, Ct);
        await AssertRefusedAsync(stale, HttpStatusCode.Conflict);
        using var absent = await Admin.PatchAsJsonAsync("/api/videoalert/cameras/63280100001320009999", new { version = 1, name = "x" }, Ct);
        await AssertRefusedAsync(absent, HttpStatusCode.NotFound);
        // A centre operator reads the camera but does not manage it.
        using var operatorEdits = await As("centre_operator", County).PatchAsJsonAsync(url, new { version = 2, name = "x" }, Ct);
        await AssertRefusedAsync(operatorEdits, HttpStatusCode.Forbidden);
        Assert.Equal("黄河路口", (await Host.QueryAsync(db => db.Cameras.SingleAsync(Ct))).Name);
    }

    [Fact]
    public async Task A_grid_service_that_does_not_answer_is_a_503_and_nothing_is_written()
    {
        await using var cutOff = await VideoAlertHost.StartAsync(new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = Grid.Issuer.Issuer, [CameraPlacement.AddressKey] = "http://127.0.0.1:9",
        });
        using var response = await cutOff.Client(Grid.Issuer.TokenFor("admin-1", County, ["admin"]))
            .PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body(), Ct);
        await AssertRefusedAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.Equal(0, await cutOff.QueryAsync(db => db.Cameras.CountAsync(Ct)));
    }
}
