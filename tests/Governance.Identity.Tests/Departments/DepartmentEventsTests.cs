using System.Net;
using System.Net.Http.Json;
using Governance.Contracts.Identity;
using Governance.Identity.Departments;
using Governance.Identity.Tests.Infrastructure;

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

        (await _admin.PostAsJsonAsync($"/api/identity/departments/{department.Id}/rename", new { name = "街道综治中心(新)" }, Ct)).EnsureSuccessStatusCode();
        var changed = await _host.Events.WaitForAsync<DepartmentChanged>(e => e.DepartmentId == department.Id);
        Assert.Equal(("office", "街道综治中心(新)", "governance_office", created.OrgNodeId, "632801/001"),
            (changed.Code, changed.Name, changed.Kind, changed.OrgNodeId, changed.OrgPath));
        Assert.True(changed.OccurredAt >= created.OccurredAt);

        (await _admin.PostAsync($"/api/identity/departments/{department.Id}/retire", null, Ct)).EnsureSuccessStatusCode();
        var retired = await _host.Events.WaitForAsync<DepartmentRetired>(e => e.DepartmentId == department.Id);
        Assert.Equal(("office", created.OrgNodeId), (retired.Code, retired.OrgNodeId));

        // A refused change publishes nothing: a second department with the same code at the same node.
        var again = await _admin.PostAsJsonAsync("/api/identity/departments", new { orgPath = "632801/001", code = "office", name = "重复", kind = "other" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Single(await _host.Events.AllAsync<DepartmentCreated>(e => e.Code == "office"));
    }
}
