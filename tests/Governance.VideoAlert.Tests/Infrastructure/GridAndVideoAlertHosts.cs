using System.Net;
using System.Net.Http.Json;
using Governance.Grid.Data;
using Governance.Identity.Roles;
using Governance.Testing.Hosting;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Infrastructure;

/// <summary>
/// The two hosts most video-alert tests run on, started and stopped together: a real grid host
/// (<see cref="GridForCameras.StartGridAsync"/>) and a video-alert host trusting its issuer and asking its LocateGrid,
/// with <paramref name="settings"/> on top, on SQLite when <paramref name="sqlite"/>, the router given a fixed token of
/// the narrow service role when <paramref name="routerToken"/>, and <paramref name="cameras"/> (bodies as
/// <see cref="CameraBodies"/> makes them) registered by the county admin. A class fixture (one pair per test class), or
/// the base of a test class (one pair per test, xunit making a class instance per test).
/// </summary>
public class GridAndVideoAlertHosts(IDictionary<string, string?>? settings = null, bool sqlite = false, bool routerToken = false,
    params object[] cameras) : IAsyncLifetime
{
    public ServiceTestHost<GridDb> Grid { get; private set; } = null!;
    public VideoAlertHost Host { get; private set; } = null!;

    /// <summary>The county admin.</summary>
    public HttpClient Admin => Host.Client(Grid.Issuer.TokenFor("admin-1", County, ["admin"]));

    /// <summary>A person (<c>{role}-1</c>) holding <paramref name="role"/> at <paramref name="org"/>.</summary>
    public HttpClient As(string role, string org) => Host.Client(Grid.Issuer.TokenFor($"{role}-1", org, [role]));

    public virtual async ValueTask InitializeAsync()
    {
        Grid = await GridForCameras.StartGridAsync();
        var all = new Dictionary<string, string?> { ["Auth:Issuer"] = Grid.Issuer.Issuer, [CameraPlacement.AddressKey] = (await GridAddressAsync()).ToString() };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        var token = Grid.Issuer.TokenFor("video-alert", County, [RoleCatalog.VideoAlertService]);
        Host = await VideoAlertHost.StartAsync(all, sqlite,
            routerToken ? b => b.Services.Replace(ServiceDescriptor.Singleton<IGridToken>(new FixedGridToken(token))) : null);
        using var admin = Admin;
        foreach (var body in cameras)
        {
            using var response = await admin.PostAsJsonAsync("/api/videoalert/cameras", body, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
    }

    /// <summary>Where video-alert reaches grid's gRPC: grid itself, unless a test puts something in between.</summary>
    protected virtual ValueTask<Uri> GridAddressAsync() => ValueTask.FromResult(Grid.Grpc);

    /// <summary>Between stopping video-alert and stopping grid (what <see cref="GridAddressAsync"/> put in between).</summary>
    protected virtual ValueTask VideoAlertStoppedAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await VideoAlertStoppedAsync();
        await Grid.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private sealed class FixedGridToken(string token) : IGridToken
    {
        public Task<string> GetAsync(CancellationToken ct) => Task.FromResult(token);
    }
}
