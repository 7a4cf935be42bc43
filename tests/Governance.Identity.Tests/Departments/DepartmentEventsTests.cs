using System.Net;
using System.Net.Http.Json;
using Governance.Contracts.Identity;
using Governance.Identity.Departments;
using Governance.Identity.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.Identity.Tests.Departments;

/// <summary>
/// Departments are published through the outbox, so that the services that dispatch work to them
/// (grid) keep a copy: created, renamed and retired, each event with the department's whole state.
/// </summary>
public sealed class DepartmentEventsTests : IAsyncLifetime
{
    private IdentityHost _host = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await IdentityHost.StartAsync();
        _admin = await _host.ClientAsAsync(IdentityHost.RootPath, "admin");
        (await _admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = "632801", code = "001", name = "街道", level = "street" }, Ct)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_renaming_and_retiring_a_department_each_publish_its_state()
    {
        var response = await _admin.PostAsJsonAsync("/api/identity/departments", new { orgPath = "632801/001", code = "office", name = "街道综治中心", kind = "governance_office" }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var department = (await response.Content.ReadFromJsonAsync<DepartmentView>(Ct))!;

        var created = await _host.Events.WaitForAsync<DepartmentCreated>(e => e.DepartmentId == department.Id);
        Assert.Equal(("office", "街道综治中心", "governance_office", "632801/001"), (created.Code, created.Name, created.Kind, created.OrgPath));
        Assert.NotEqual(Guid.Empty, created.OrgNodeId);
        Assert.Equal(1, created.Version);

        (await _admin.PostAsJsonAsync($"/api/identity/departments/{department.Id}/rename", new { name = "街道综治中心(新)" }, Ct)).EnsureSuccessStatusCode();
        var changed = await _host.Events.WaitForAsync<DepartmentChanged>(e => e.DepartmentId == department.Id);
        Assert.Equal(("office", "街道综治中心(新)", "governance_office", created.OrgNodeId, "632801/001"),
            (changed.Code, changed.Name, changed.Kind, changed.OrgNodeId, changed.OrgPath));
        Assert.True(changed.OccurredAt >= created.OccurredAt);
        Assert.Equal(2, changed.Version);

        (await _admin.PostAsync($"/api/identity/departments/{department.Id}/retire", null, Ct)).EnsureSuccessStatusCode();
        var retired = await _host.Events.WaitForAsync<DepartmentRetired>(e => e.DepartmentId == department.Id);
        Assert.Equal(("office", created.OrgNodeId, 3), (retired.Code, retired.OrgNodeId, retired.Version));

        // A refused change publishes nothing: a second department with the same code at the same node.
        var again = await _admin.PostAsJsonAsync("/api/identity/departments", new { orgPath = "632801/001", code = "office", name = "重复", kind = "other" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(await _host.Events.AllAsync<DepartmentCreated>(e => e.Code == "office"));
    }

    [Fact]
    public async Task Every_department_is_restated_with_its_version_including_one_written_outside_the_service()
    {
        var response = await _admin.PostAsJsonAsync("/api/identity/departments", new { orgPath = "632801/001", code = "office", name = "街道综治中心", kind = "governance_office" }, Ct);
        var renamed = (await response.Content.ReadFromJsonAsync<DepartmentView>(Ct))!;
        (await _admin.PostAsJsonAsync($"/api/identity/departments/{renamed.Id}/rename", new { name = "街道综治中心(新)" }, Ct)).EnsureSuccessStatusCode();
        // Written by hand (no event): the column's default gives it version 1.
        var county = await _host.QueryAsync(db => db.OrgNodes.SingleAsync(n => n.Path == "632801", Ct));
        var byHand = Guid.NewGuid();
        await _host.QueryAsync(db => db.Database.ExecuteSqlAsync(
            $"""INSERT INTO departments ("Id", "Code", "Name", "Kind", "OrgNodeId", "CreatedAt") VALUES ({byHand}, 'housing', '住建局', 'Housing', {county.Id}, {DateTime.UtcNow})""", Ct));

        var restatement = _host.Services.GetServices<IHostedService>().OfType<DepartmentRestatement>().Single();
        Assert.Equal(2, await restatement.RestateAllAsync(Ct));

        var office = await _host.Events.WaitForAsync<DepartmentRestated>(e => e.DepartmentId == renamed.Id && e.Name == "街道综治中心(新)");
        Assert.Equal(("office", "街道综治中心(新)", "governance_office", "632801/001", false, 2), (office.Code, office.Name, office.Kind, office.OrgPath, office.Retired, office.Version));
        var housing = await _host.Events.WaitForAsync<DepartmentRestated>(e => e.DepartmentId == byHand);
        Assert.Equal(("housing", "住建局", "housing", "632801", county.Id, 1), (housing.Code, housing.Name, housing.Kind, housing.OrgPath, housing.OrgNodeId, housing.Version));
        // Restating changes no department: nothing happened to them.
        Assert.Equal(2, await _host.QueryAsync(db => db.Departments.Where(d => d.Id == renamed.Id).Select(d => d.Version).SingleAsync(Ct)));
    }
}
