using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Governance.Identity.SignIn;
using Governance.Testing;

namespace Governance.EndToEnd.Tests.Console;

/// <summary>
/// The real standalone host (every service and the console, one process, its demo county) on free loopback ports, and
/// Debian's chromium: one of each for the console's browser tests.
/// </summary>
public sealed partial class ConsoleFixture : IAsyncLifetime
{
    private readonly ChromiumFixture _chromium = new();
    private StandaloneProcess _host = null!;

    public Uri BaseAddress { get; private set; } = null!;
    public string DemoPassword { get; private set; } = "";
    public ChromiumFixture Chromium => _chromium;

    /// <summary>The host's gRPC port (cleartext HTTP/2), for a test that calls a service's rpc as the console does.</summary>
    public int GrpcPort => _host.GrpcPort;

    /// <summary>The host's resident memory (VmRSS), for the figures printed with the test's output.</summary>
    public long HostMemoryBytes() =>
        long.Parse(File.ReadLines($"/proc/{_host.ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;

    /// <summary>What the host printed, for a failing test's message.</summary>
    public string HostOutput => _host.Output;

    public async ValueTask InitializeAsync()
    {
        // Access tokens live 5 minutes: refreshing any that expires within 6 refreshes before every call, so the whole suite
        // runs on refreshed (rotated) tokens, however fast it runs. Every one of those refreshes, every browser's sign-in
        // and every authorize request comes from 127.0.0.1, and the same demo accounts sign in class after class: more
        // than identity's limits per address and per user name allow one client (CI once got 429 on a sign-in). Those
        // limits have their own tests (identity's); here they are raised so that the console's tests never meet them.
        _host = await StandaloneProcess.StartAsync("--Console:RefreshBeforeExpiry=00:06:00",
            "--Identity:SignIn:TokenRequestsPerMinute=60000", "--Identity:SignIn:TokenBurst=10000",
            "--Identity:SignIn:UserNameRequestsPerMinute=6000", "--Identity:SignIn:UserNameBurst=1000");
        await _host.WaitUntilUpAsync(TimeSpan.FromSeconds(90));
        BaseAddress = new Uri($"http://127.0.0.1:{_host.HttpPort}");
        DemoPassword = await WaitForAsync(DemoPasswordPattern());
        await WaitForAsync(InvestigatorTotpPattern());
        // The grids and the departments' copy in grid, which the incident loop needs, arrive over the bus after start.
        await WaitForAsync(GridSeededPattern(), attempts: 6000);
        await _chromium.InitializeAsync();
    }

    private readonly SemaphoreSlim _totpGate = new(1, 1);
    private readonly Dictionary<string, long> _lastTotpStep = [];

    /// <summary>
    /// A TOTP code of a demo account whose secret the host printed, never one of a 30-second step already used here:
    /// identity refuses a code presented twice, and the console's test classes sign the same accounts in one after
    /// another on this one host. When this step's code was given already, waits for the next step.
    /// </summary>
    public async Task<string> TotpCodeAsync(string userName, CancellationToken ct = default)
    {
        var secret = TotpSecretPattern().Matches(_host.Output).FirstOrDefault(m => m.Groups[1].Value == userName)?.Groups[2].Value
            ?? throw new InvalidOperationException($"the host printed no TOTP secret for {userName}");
        await _totpGate.WaitAsync(ct);
        try
        {
            var step = Totp.StepAt(DateTimeOffset.UtcNow);
            if (_lastTotpStep.TryGetValue(userName, out var last) && step <= last)
            {
                var nextStepStarts = DateTimeOffset.FromUnixTimeSeconds((last + 1) * 30);
                await Task.Delay(nextStepStarts - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200), ct);
                step = Totp.StepAt(DateTimeOffset.UtcNow);
            }
            _lastTotpStep[userName] = step;
            return Totp.Code(Base32.Decode(secret), step);
        }
        finally
        {
            _totpGate.Release();
        }
    }

    /// <summary>
    /// An API client signed in as a demo account through the legacy password grant (scripts' way, not the console's), with
    /// a TOTP code for an account whose role needs one (the host printed its secret at start).
    /// </summary>
    public async Task<HttpClient> ApiAsAsync(string userName, CancellationToken ct)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "cli", ["username"] = userName, ["password"] = DemoPassword,
        };
        if (TotpSecretPattern().Matches(_host.Output).Any(m => m.Groups[1].Value == userName))
            form["totp"] = await TotpCodeAsync(userName, ct);
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form), ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("access_token").GetString());
        return http;
    }

    private async Task<string> WaitForAsync(Regex pattern, int attempts = 300)
    {
        for (var i = 0; i < attempts; i++)
        {
            if (pattern.Match(_host.Output) is { Success: true } match) return match.Groups[1].Value;
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"not printed: {pattern}\n{_host.Output}");
    }

    public async ValueTask DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _host.DisposeAsync();
    }

    [GeneratedRegex(@"DEMO accounts .*? all with the password (\S+) \.")]
    private static partial Regex DemoPasswordPattern();

    [GeneratedRegex(@"demo account (?:'|\\u0027)demo-investigator(?:'|\\u0027): add otpauth://\S*?secret=([A-Z2-7]+)")]
    private static partial Regex InvestigatorTotpPattern();

    [GeneratedRegex(@"demo account (?:'|\\u0027)([a-z-]+)(?:'|\\u0027): add otpauth://\S*?secret=([A-Z2-7]+)")]
    private static partial Regex TotpSecretPattern();

    [GeneratedRegex(@"Grid DEMO seed: (\d+) communities")]
    private static partial Regex GridSeededPattern();
}
