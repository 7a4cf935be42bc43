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
    public byte[] InvestigatorTotpSecret { get; private set; } = [];
    public ChromiumFixture Chromium => _chromium;

    /// <summary>The host's resident memory (VmRSS), for the figures printed with the test's output.</summary>
    public long HostMemoryBytes() =>
        long.Parse(File.ReadLines($"/proc/{_host.ProcessId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;

    /// <summary>What the host printed, for a failing test's message.</summary>
    public string HostOutput => _host.Output;

    public async ValueTask InitializeAsync()
    {
        // Access tokens live 5 minutes: refreshing any that expires within 6 refreshes before every call, so the whole suite
        // runs on refreshed (rotated) tokens, however fast it runs.
        _host = await StandaloneProcess.StartAsync("--Console:RefreshBeforeExpiry=00:06:00");
        await _host.WaitUntilUpAsync(TimeSpan.FromSeconds(90));
        BaseAddress = new Uri($"http://127.0.0.1:{_host.HttpPort}");
        DemoPassword = await WaitForAsync(DemoPasswordPattern());
        InvestigatorTotpSecret = Base32.Decode(await WaitForAsync(InvestigatorTotpPattern()));
        // The grids and the departments' copy in grid, which the incident loop needs, arrive over the bus after start.
        await WaitForAsync(GridSeededPattern(), attempts: 6000);
        await _chromium.InitializeAsync();
    }

    private readonly object _totpGate = new();
    private long _lastTotpStep = -1;

    /// <summary>
    /// The investigator's code for a step no sign-in of this run has used: identity refuses a step used before (replay), and
    /// several classes sign the investigator in, so a second sign-in within one 30-second step waits for the next.
    /// </summary>
    public string TotpNow()
    {
        lock (_totpGate)
        {
            var step = Totp.StepAt(DateTimeOffset.UtcNow);
            while (step <= _lastTotpStep)
            {
                Thread.Sleep(500);
                step = Totp.StepAt(DateTimeOffset.UtcNow);
            }
            _lastTotpStep = step;
            return Totp.Code(InvestigatorTotpSecret, step);
        }
    }

    /// <summary>An API client signed in as a demo account through the legacy password grant (scripts' way, not the console's).</summary>
    public async Task<HttpClient> ApiAsAsync(string userName, CancellationToken ct)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "cli", ["username"] = userName, ["password"] = DemoPassword,
        }), ct);
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

    [GeneratedRegex(@"Grid DEMO seed: (\d+) communities")]
    private static partial Regex GridSeededPattern();
}
