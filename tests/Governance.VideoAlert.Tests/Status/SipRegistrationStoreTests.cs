using System.Net;
using System.Net.Http.Json;
using Governance.Grid.Data;
using Governance.Testing.Hosting;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Devices;
using Governance.VideoAlert.Sip;
using Governance.VideoAlert.Tests.Infrastructure;
using Governance.VideoAlert.Tests.Sip;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static Governance.VideoAlert.Tests.Infrastructure.VideoAlertHost;

namespace Governance.VideoAlert.Tests.Status;

/// <summary>
/// SIP registrations are stored with the devices: a second host on the same database (a replica, or the first one
/// restarted) takes the MESSAGEs of a device that registered with the first, and still refuses them from another
/// address, after the registration expired, and after an unregister.
/// </summary>
public sealed class SipRegistrationStoreTests : IAsyncLifetime
{
    private ServiceTestHost<GridDb> _grid = null!;
    private VideoAlertHost _first = null!;
    private VideoAlertHost _second = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _grid = await GridForCameras.StartGridAsync();
        var settings = new Dictionary<string, string?>
        {
            ["VideoAlert:Sip:Intake:PlatformId"] = SipText.Platform,
            ["VideoAlert:Sip:Intake:Domain"] = SipText.Domain,
            [SipSecrets.KeySetting] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        _first = await GridForCameras.StartVideoAlertAsync(_grid, settings);
        settings["ConnectionStrings:videoalert"] = _first.Services.GetRequiredService<IConfiguration>().GetConnectionString("videoalert");
        _second = await GridForCameras.StartVideoAlertAsync(_grid, settings);
    }

    public async ValueTask DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
        await _grid.DisposeAsync();
    }

    private async Task<string?> RefusalAtSecondAsync(string device, IPAddress from)
    {
        await using var scope = _second.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISipRegistrations>().RefusalAsync(DeviceId.Parse(device), new IPEndPoint(from, 5060), Ct);
    }

    [Fact]
    public async Task A_second_host_on_the_same_database_takes_the_messages_of_a_device_that_registered_with_the_first()
    {
        using (var admin = _first.Client(_grid.Issuer.TokenFor("admin-1", County, ["admin"])))
        {
            using var created = await admin.PostAsJsonAsync("/api/videoalert/cameras", CameraBodies.Body(), Ct);
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        }
        var registered = await Sipp.RunAsync("register_keepalive_alarm.xml", "u1", _first.Sip.UdpEndPoint!, CameraBodies.Camera1, CameraBodies.Password);
        Assert.True(registered.ExitCode == 0, registered.Output);
        var row = await _first.QueryAsync(db => db.Cameras.AsNoTracking().SingleAsync(c => c.DeviceId == CameraBodies.Camera1, Ct));
        Assert.Equal(("127.0.0.1", "udp"), (row.RegisteredFrom, row.RegisteredTransport));
        Assert.StartsWith($"<sip:{CameraBodies.Camera1}@127.0.0.1:", row.RegisteredContact);

        // The second host never saw the REGISTER: it takes the keepalive and the alarm (SIPp fails on anything but 200).
        var messages = await Sipp.RunAsync("keepalive_alarm.xml", "u1", _second.Sip.UdpEndPoint!, CameraBodies.Camera1, CameraBodies.Password);
        Assert.True(messages.ExitCode == 0, messages.Output);
        Assert.True(await _second.QueryAsync(db => db.Alarms.AnyAsync(a => a.CameraId == CameraBodies.Camera1 && a.Sn == "17450", Ct)));

        // Still only from the address it registered from, and only until its registration expires or it unregisters.
        Assert.Equal($"device {CameraBodies.Camera1} registered from another address", await RefusalAtSecondAsync(CameraBodies.Camera1, IPAddress.Parse("10.1.2.3")));
        Assert.Null(await RefusalAtSecondAsync(CameraBodies.Camera1, IPAddress.Loopback));
        _second.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal($"registration of device {CameraBodies.Camera1} has expired", await RefusalAtSecondAsync(CameraBodies.Camera1, IPAddress.Loopback));
        _second.Clock.Reset();
        await using (var scope = _first.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ISipRegistrations>().UnregisterAsync(DeviceId.Parse(CameraBodies.Camera1), Ct);
        // Past the few seconds the second host trusts what it last saw valid.
        _second.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal($"device {CameraBodies.Camera1} is not registered", await RefusalAtSecondAsync(CameraBodies.Camera1, IPAddress.Loopback));
    }
}
