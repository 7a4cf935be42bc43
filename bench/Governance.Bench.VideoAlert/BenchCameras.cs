using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Data;
using Governance.Testing.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Bench.VideoAlert;

/// <summary>
/// The bench's video network: one lower platform (it registers once and forwards every camera's alarms, as a county
/// platform does) and its cameras, written straight into the registry, since registering cameras is not what is measured.
/// </summary>
internal static class BenchCameras
{
    public const string Platform = "63280100002000000001";
    public const string Password = "bench-platform-pass";
    public const string Grid = "632801001002001";
    public const string Org = "632801/001/002/001";

    /// <summary>The 20-digit id of camera <paramref name="n"/> (1-based): centre 63280100, industry 00, type 132, network 0, serial.</summary>
    public static string Id(int n) => $"632801000013200{n:D5}";

    public static async Task SeedAsync(ServiceTestHost<VideoAlertDb> host, int cameras)
    {
        var secrets = host.Services.GetRequiredService<SipSecrets>();
        await host.SeedAsync(db =>
        {
            db.Platforms.Add(new SipPlatform
            {
                DeviceId = Platform, TypeCode = 200, Name = "压测下级平台", OrgPath = "632801", SipPassword = secrets.Protect(Platform, Password),
                RegisteredAt = DateTime.UtcNow, RegisteredBy = "bench",
            });
            for (var n = 1; n <= cameras; n++)
                db.Cameras.Add(new Camera
                {
                    DeviceId = Id(n), TypeCode = 132, Name = $"压测摄像机{n}", Longitude = 94.90 + n % 100 * 0.0001, Latitude = 36.40 + n / 100 * 0.0001,
                    GridCode = Grid, OrgPath = Org, Owner = "public", KeyArea = n % 3 == 0, PlatformId = Platform, RegisteredAt = DateTime.UtcNow, RegisteredBy = "bench",
                });
        });
    }
}
