using System.Net;
using Governance.VideoAlert.Sip;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Tests.Sip;

/// <summary>Intake and dispatcher as the listeners use them, without sockets.</summary>
public sealed class IntakeHarness
{
    public static readonly IPEndPoint Device = new(IPAddress.Loopback, 5070);

    public IntakeHarness(SipIntakeOptions? options = null)
    {
        Intake = new Gb28181Intake(Options.Create(options ?? new SipIntakeOptions()), Devices, Devices, new SipRegistrations(Clock),
            new SipNonces(Clock, TimeSpan.FromMinutes(5)), Clock);
        Transactions = new SipServerTransactions(Clock);
        Dispatcher = new SipDispatcher(Intake, Transactions, NullLogger<SipDispatcher>.Instance);
    }

    public FakeDevices Devices { get; } = new();
    public TestClock Clock { get; } = new();
    public Gb28181Intake Intake { get; }
    public SipServerTransactions Transactions { get; }
    public SipDispatcher Dispatcher { get; }

    public async Task<SipResponse?> SendAsync(byte[] request, IPEndPoint? from = null)
    {
        var reply = await Dispatcher.DispatchAsync(SipParser.Parse(request), from ?? Device, SipTransport.Udp, CancellationToken.None);
        return reply is null ? null : SipText.Response(reply);
    }

    /// <summary>REGISTER, answer the challenge, return the 200.</summary>
    public async Task<SipResponse> RegisterAsync(string device, string password, int expires = 3600, IPEndPoint? from = null)
    {
        var branch = "z9hG4bK" + Guid.NewGuid().ToString("N");
        var challenge = (await SendAsync(SipText.Register(device, "UDP", branch + "a", 1, expires: expires), from))!;
        Assert.Equal(401, challenge.StatusCode);
        return (await SendAsync(SipText.Register(device, "UDP", branch + "b", 2, SipText.Answer(challenge, device, password), expires), from))!;
    }
}
