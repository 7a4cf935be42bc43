using System.Net;
using System.Net.Http.Json;
using Governance.Identity.Audit;
using Governance.Identity.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Governance.Identity.Tests.Audit;

public sealed class AuditReadTests : IAsyncLifetime
{
    private IdentityHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await IdentityHost.StartAsync();
        var t0 = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        await _host.SeedAsync(db => db.AuditEntries.AddRange(
            new AuditEntry { At = t0, Actor = "admin-1", Action = "user.created", Target = "u-1", OrgPath = "632801/001" },
            new AuditEntry { At = t0.AddHours(1), Actor = "admin-1", Action = "user.disabled", Target = "u-1", OrgPath = "632801/001/002" },
            new AuditEntry { At = t0.AddHours(2), Actor = "admin-2", Action = "user.created", Target = "u-2", OrgPath = "632801/002" },
            new AuditEntry { At = t0.AddHours(3), Actor = "zhang", Action = "sign-in.failed", Target = null, OrgPath = null },
            new AuditEntry { At = t0.AddHours(4), Actor = "admin-1", Action = "user.enabled", Target = "u-1", OrgPath = "632801/0010" }));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<AuditPage> ReadAsync(string org, string query) =>
        (await (await _host.ClientAsAsync(org, "auditor")).GetFromJsonAsync<AuditPage>("/api/identity/audit" + query, Ct))!;

    [Fact]
    public async Task An_auditor_reads_their_subtree_newest_first_and_only_the_root_sees_entries_without_org()
    {
        var street = await ReadAsync("632801/001", "");
        Assert.Equal(["user.disabled", "user.created"], street.Items.Select(e => e.Action));
        var root = await ReadAsync("632801", "");
        Assert.Equal(["user.enabled", "sign-in.failed", "user.created", "user.disabled", "user.created"], root.Items.Select(e => e.Action));
    }

    [Fact]
    public async Task Entries_are_filtered_by_time_action_actor_and_target_and_paged()
    {
        Assert.Equal(["u-2"], (await ReadAsync("632801", "?from=2025-03-01T09:30:00Z&to=2025-03-01T10:30:00Z")).Items.Select(e => e.Target));
        Assert.Equal(2, (await ReadAsync("632801", "?action=user.created")).Items.Count);
        Assert.Equal(3, (await ReadAsync("632801", "?actor=admin-1")).Items.Count);
        var first = await ReadAsync("632801", "?target=u-1&pageSize=2");
        Assert.Equal(["user.enabled", "user.disabled"], first.Items.Select(e => e.Action));
        var second = await ReadAsync("632801", $"?target=u-1&pageSize=2&before={first.Next}");
        Assert.Equal(["user.created"], second.Items.Select(e => e.Action));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task Only_auditors_read_and_nobody_changes_an_entry()
    {
        var admin = await _host.ClientAsAsync("632801", "admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/api/identity/audit", Ct)).StatusCode);
        var auditor = await _host.ClientAsAsync("632801", "auditor");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await auditor.DeleteAsync("/api/identity/audit", Ct)).StatusCode);

        var update = await Assert.ThrowsAsync<PostgresException>(() => _host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE audit_entries SET \"Actor\" = 'someone else'", Ct)));
        Assert.Contains("append-only", update.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => _host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_entries", Ct)));
        await Assert.ThrowsAsync<PostgresException>(() => _host.QueryAsync(db => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_entries", Ct)));
        Assert.Equal(5, await _host.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Actor != "someone else", Ct)));
    }
}
