using Governance.Mediation.Data;
using Governance.Testing.Hosting;

namespace Governance.Mediation.Tests.Infrastructure;

/// <summary>The mediation service on the shared <see cref="ServiceTestHost{TDb}"/>, with a fresh key for parties' contacts.</summary>
public sealed class MediationHost : ServiceTestHost<MediationDb>
{
    public const string County = "632801";
    public const string Street = "632801/001";
    public const string Community = "632801/001/002";
    public const string OtherCommunity = "632801/001/003";
    public const string Grid1 = "632801/001/002/001";

    public static readonly ServiceUnderTest Service = new("mediation", b => b.AddMediationService(), a => a.MapMediationService());

    private MediationHost() { }

    /// <param name="sqlite">On a SQLite file, as the standalone host runs, instead of PostgreSQL.</param>
    public static async Task<MediationHost> StartAsync(IDictionary<string, string?>? settings = null, bool sqlite = false)
    {
        var host = new MediationHost();
        var all = new Dictionary<string, string?>
        {
            ["Mediation:KeyEncryptionKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        await host.StartServiceAsync(Service, new ServiceTestHostOptions { Settings = all, Sqlite = sqlite });
        return host;
    }
}
