using System.Security.Cryptography;
using Governance.Testing.Hosting;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.VideoAlert.Sip;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.VideoAlert.Tests.Infrastructure;

/// <summary>
/// The video-alert service on the shared <see cref="ServiceTestHost{TDb}"/> (fresh PostgreSQL database), with a fresh
/// SIP key, its SIP intake on a free port, trusting <paramref name="issuer"/>'s tokens when given (a grid host's, so the
/// caller's token is good for LocateGrid too).
/// </summary>
public sealed class VideoAlertHost : ServiceTestHost<VideoAlertDb>
{
    public const string County = "632801";
    public const string Street = "632801/001";
    public const string Community = "632801/001/002";
    public const string OtherCommunity = "632801/001/003";
    public const string Grid1 = "632801/001/002/001";
    public const string Grid2 = "632801/001/002/002";

    public static readonly ServiceUnderTest Service = new("videoalert", b => b.AddVideoAlertService(), a => a.MapVideoAlertService());

    private VideoAlertHost() { }

    /// <param name="sqlite">On a SQLite file, as the standalone host runs, instead of PostgreSQL.</param>
    /// <param name="configure">Replaces services after the service is added (e.g. the router's grid token).</param>
    public static async Task<VideoAlertHost> StartAsync(IDictionary<string, string?>? settings = null, bool sqlite = false,
        Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure = null)
    {
        var host = new VideoAlertHost();
        var all = new Dictionary<string, string?>
        {
            [SipSecrets.KeySetting] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["VideoAlert:Sip:Port"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        await host.StartServiceAsync(Service, new ServiceTestHostOptions { Settings = all, Sqlite = sqlite, Configure = configure });
        return host;
    }

    /// <summary>Where the SIP intake listens (UDP and TCP on one port).</summary>
    public SipHostedService Sip => Services.GetRequiredService<SipHostedService>();
}
