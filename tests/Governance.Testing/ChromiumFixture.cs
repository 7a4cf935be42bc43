using Microsoft.Playwright;

namespace Governance.Testing;

/// <summary>
/// Debian's chromium (<c>apt-get install chromium</c>; scripts/test-servers.sh installs it), driven by
/// Playwright, one browser per test class. Playwright's own browser builds are never used, so the
/// suite never runs <c>playwright install</c> and needs nothing from outside the package registries:
/// the package ships its node driver, the browser comes from Debian.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string Executable = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Executable))
            throw new InvalidOperationException($"{Executable} is missing: install Debian's chromium (apt-get install chromium), as scripts/test-servers.sh does.");
        // The whole suite shares two cores: Playwright's 5 s default for an assertion to come true is too tight there.
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        // As root (the CI machine) chromium starts only without its sandbox.
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Executable, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>A fresh profile (no cookies) whose browser asks for <paramref name="locale"/> first, as a user's would.</summary>
    public Task<IBrowserContext> NewContextAsync(string locale = "zh-CN") => Browser.NewContextAsync(new() { Locale = locale });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
