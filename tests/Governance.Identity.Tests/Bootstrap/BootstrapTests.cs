using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Governance.Contracts.Demo;
using Governance.Identity.Bootstrap;
using Governance.Identity.Tests.Infrastructure;
using Governance.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Identity.Tests.Bootstrap;

public sealed class BootstrapTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string?> Root = new()
    {
        ["Identity:Bootstrap:Root:Code"] = "632801", ["Identity:Bootstrap:Root:Name"] = "格尔木市", ["Identity:Bootstrap:Root:Level"] = "county",
        ["Identity:Bootstrap:Admin:UserName"] = "Root.Admin",
    };

    [Fact]
    public async Task Nothing_is_created_when_nothing_is_configured()
    {
        await using var host = await IdentityHost.StartAsync(seedRoot: false);
        Assert.Equal(0, await host.QueryAsync(db => db.OrgNodes.CountAsync(Ct)));
        Assert.Equal(0, await host.QueryAsync(db => db.Users.CountAsync(Ct)));
    }

    [Fact]
    public async Task The_root_and_first_admin_come_from_configuration_with_a_one_time_password_logged_once()
    {
        var logs = new CapturedLogs();
        await using var host = await IdentityHost.StartAsync(Root, seedRoot: false, services: s => s.AddSingleton<ILoggerProvider>(logs));

        var root = await host.QueryAsync(db => db.OrgNodes.SingleAsync(Ct));
        Assert.Equal(("632801", "格尔木市", null), (root.Path, root.Name, root.ParentId));
        var admin = await host.QueryAsync(db => db.Users.Include(u => u.Posts).SingleAsync(Ct));
        Assert.Equal(("root.admin", root.Id), (admin.UserName, admin.OrgNodeId));
        Assert.Equal(["admin"], admin.Posts.Select(p => p.Role));
        Assert.All(admin.Posts, p => Assert.Equal((admin.OrgNodeId, null), (p.OrgNodeId, p.Until)));

        var warning = Assert.Single(logs.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains("ONE-TIME"));
        var password = Regex.Match(warning.Text, "password (\\S+) ").Groups[1].Value;
        var hasher = host.Services.GetRequiredService<IPasswordHasher<User>>();
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(admin, admin.PasswordHash!, password));
        Assert.Equal(1, await host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Actor == "bootstrap" && e.Action == "user.created", Ct)));
        // Nothing else secret is printed: the admin sets their own password and enrols TOTP on the sign-in page.
        Assert.True(admin.MustChangePassword);
        Assert.Null(admin.TotpSecret);
        Assert.DoesNotContain(logs.Messages, m => m.Text.Contains("otpauth://"));

        // A second start (another replica, a restart) finds both and creates nothing, printing nothing.
        await host.Services.GetServices<IHostedService>().OfType<IdentityBootstrap>().Single().StartAsync(Ct);
        Assert.Equal((1, 1), (await host.QueryAsync(db => db.OrgNodes.CountAsync(Ct)), await host.QueryAsync(db => db.Users.CountAsync(Ct))));
        Assert.Single(logs.Messages, m => m.Text.Contains("ONE-TIME"));
    }

    [Fact]
    public async Task A_configured_admin_password_is_used_and_never_logged()
    {
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?>(Root) { ["Identity:Bootstrap:Admin:Password"] = "from a kubernetes secret" };
        await using var host = await IdentityHost.StartAsync(settings, seedRoot: false, services: s => s.AddSingleton<ILoggerProvider>(logs));
        var admin = await host.QueryAsync(db => db.Users.SingleAsync(Ct));
        var hasher = host.Services.GetRequiredService<IPasswordHasher<User>>();
        Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(admin, admin.PasswordHash!, "from a kubernetes secret"));
        Assert.DoesNotContain(logs.Messages, m => m.Text.Contains("from a kubernetes secret"));
    }

    [Fact]
    public async Task The_demo_seed_builds_a_synthetic_county_whose_accounts_say_they_are_demos()
    {
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?>(Root) { ["Identity:Bootstrap:DemoSeed"] = "true" };
        await using var host = await IdentityHost.StartAsync(settings, seedRoot: false, services: s => s.AddSingleton<ILoggerProvider>(logs));

        Assert.Equal(1 + 3 + 3 * 4 + 3 * 4 * 24, await host.QueryAsync(db => db.OrgNodes.CountAsync(Ct))); // root, streets, communities, grids
        Assert.Contains("letters-visits", await host.QueryAsync(db => db.Departments.Select(d => d.Code).ToListAsync(Ct)));
        var demo = await host.QueryAsync(db => db.Users.Include(u => u.Posts).Where(u => u.UserName.StartsWith("demo-")).ToListAsync(Ct));
        Assert.Equal(11, demo.Count); // one per role
        Assert.All(demo, u => Assert.StartsWith("演示-", u.DisplayName));
        Assert.Contains(demo, u => u.DisplayName == "演示-网格员" && u.Posts.Single().Role == "grid_worker");
        // Other services' demo seeds name these accounts by their fixed ids (DemoUsers).
        Assert.Equal(DemoUsers.CareWorker, demo.Single(u => u.UserName == "demo-care-worker").Id);
        Assert.Equal(DemoUsers.GridWorker, demo.Single(u => u.UserName == "demo-grid-worker").Id);
        var printed = Assert.Single(logs.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains("DEMO"));
        var password = Regex.Match(printed.Text, "password (\\S+) ").Groups[1].Value;
        var hasher = host.Services.GetRequiredService<IPasswordHasher<User>>();
        Assert.All(demo, u => Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(u, u.PasswordHash!, password)));
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<(LogLevel Level, string Text)> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose() { }

        private sealed class Logger(CapturedLogs owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => true;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Messages.Enqueue((logLevel, formatter(state, exception)));
        }
    }
}
