using Governance.VideoAlert.Sip;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.VideoAlert.Tests.Sip;

/// <summary>
/// SIPp (Debian's sip-tester) as the independent SIP peer, against the intake composed as the service will compose it
/// (AddSipIntake, the hosted service on a free port) with in-memory device events.
/// </summary>
public sealed class SippScenarioTests : IAsyncLifetime
{
    private const string Camera = FakeDevices.Camera;
    private readonly FakeDevices _devices = new();
    private ServiceProvider _services = null!;
    private SipHostedService _sip = null!;

    public async ValueTask InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["VideoAlert:Sip:Port"] = "0",
            ["VideoAlert:Sip:Intake:PlatformId"] = SipText.Platform,
            ["VideoAlert:Sip:Intake:Domain"] = SipText.Domain,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        // Scoped, as the service's database-backed ones will be.
        services.AddScoped<ISipCredentials>(_ => _devices).AddScoped<IDeviceEvents>(_ => _devices);
        services.AddSipIntake();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _sip = _services.GetRequiredService<SipHostedService>();
        await _sip.StartAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await _sip.StopAsync(CancellationToken.None);
        await _services.DisposeAsync();
    }

    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task SIPp_registers_with_digest_and_sends_a_keepalive_and_a_GB2312_alarm(string transport)
    {
        var run = await SippAsync("register_keepalive_alarm.xml", transport, Camera, FakeDevices.Password);

        Assert.True(run.ExitCode == 0, run.Output);
        var registration = Assert.Single(_devices.Registrations);
        Assert.Equal(transport == "u1" ? SipTransport.Udp : SipTransport.Tcp, registration.Transport);
        Assert.Equal(Camera, Assert.Single(_devices.Keepalives).Sender.Value);
        var (sender, alarm) = Assert.Single(_devices.Alarms);
        Assert.Equal((Camera, Camera, "区域入侵报警", 6), (sender.Value, alarm.DeviceId.Value, alarm.Description, alarm.AlarmType));
    }

    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task SIPp_as_an_unknown_device_gets_404(string transport)
    {
        var run = await SippAsync("unknown_device.xml", transport, "34020000001320009999", "whatever");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Empty(_devices.Registrations);
    }

    [Theory]
    [InlineData("u1")]
    [InlineData("t1")]
    public async Task SIPp_sending_a_malformed_alarm_body_gets_400(string transport)
    {
        var run = await SippAsync("malformed_alarm.xml", transport, Camera, FakeDevices.Password);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Empty(_devices.Alarms);
    }

    private Task<(int ExitCode, string Output)> SippAsync(string scenario, string transport, string device, string password) =>
        Sipp.RunAsync(scenario, transport, transport == "u1" ? _sip.UdpEndPoint! : _sip.TcpEndPoint!, device, password);
}
