using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Identity.Departments;
using Governance.Identity.Org;
using Governance.Identity.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Tests.Departments;

public sealed class DepartmentTests : IAsyncLifetime
{
    private IdentityHost _host = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await IdentityHost.StartAsync();
        _admin = await _host.ClientAsAsync(IdentityHost.RootPath, "admin");
        foreach (var (parent, code, level) in new[] { ("632801", "001", "street"), ("632801", "002", "street"), ("632801/001", "001", "community") })
            (await _admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = parent, code, name = "节点" + code, level }, Ct)).EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<DepartmentView> CreateAsync(string orgPath, string code, string kind, HttpClient? client = null)
    {
        var response = await (client ?? _admin).PostAsJsonAsync("/api/identity/departments", new { orgPath, code, name = "部门" + code, kind }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<DepartmentView>(Ct))!;
    }

    [Fact]
    public async Task Departments_are_listed_at_a_node_and_below_it_on_request()
    {
        var psb = await CreateAsync("632801", "psb", "public_security");
        await CreateAsync("632801/001", "office", "GovernanceOffice");
        await CreateAsync("632801/001/001", "office", "governance_office");

        Assert.Equal("public_security", psb.Kind);
        var atRoot = await _admin.GetFromJsonAsync<List<DepartmentView>>("/api/identity/departments?orgPath=632801", Ct);
        Assert.Equal(["632801"], atRoot!.Select(d => d.OrgPath));
        var all = await _admin.GetFromJsonAsync<List<DepartmentView>>("/api/identity/departments?orgPath=632801&includeDescendants=true", Ct);
        Assert.Equal(["632801", "632801/001", "632801/001/001"], all!.Select(d => d.OrgPath));

        // A community worker sees the county's bureau above them, not the other street's.
        var worker = await _host.ClientAsAsync("632801/001/001", "grid_worker");
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/api/identity/departments?orgPath=632801", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync("/api/identity/departments?orgPath=632801/002", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("632801", "PSB", "public_security", "code")]
    [InlineData("632801", "psb", "police", "kind")]
    [InlineData("632801", "psb", "3", "kind")]
    [InlineData("999999", "psb", "public_security", "orgPath")]
    public async Task A_bad_department_is_refused_naming_the_field(string orgPath, string code, string kind, string field)
    {
        var response = await _admin.PostAsJsonAsync("/api/identity/departments", new { orgPath, code, name = "公安局", kind }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await _host.QueryAsync(db => db.Departments.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_code_is_unique_per_node_but_not_across_nodes()
    {
        await CreateAsync("632801/001", "office", "governance_office");
        await CreateAsync("632801/002", "office", "governance_office");
        var again = await _admin.PostAsJsonAsync("/api/identity/departments", new { orgPath = "632801/001", code = "office", name = "重复", kind = "other" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_inside_the_subtree_changes_departments_and_each_change_is_audited()
    {
        var streetAdmin = await _host.ClientAsAsync("632801/001", "admin");
        var county = await CreateAsync("632801", "psb", "public_security");
        var street = await CreateAsync("632801/001", "office", "governance_office", streetAdmin);

        Assert.Equal(HttpStatusCode.Forbidden, (await streetAdmin.PostAsJsonAsync($"/api/identity/departments/{county.Id}/rename", new { name = "改名" }, Ct)).StatusCode);
        var worker = await _host.ClientAsAsync("632801/001", "grid_worker");
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.PostAsJsonAsync("/api/identity/departments", new { orgPath = "632801/001", code = "x", name = "x", kind = "other" }, Ct)).StatusCode);

        (await streetAdmin.PostAsJsonAsync($"/api/identity/departments/{street.Id}/rename", new { name = "街道综治中心" }, Ct)).EnsureSuccessStatusCode();
        (await streetAdmin.PostAsync($"/api/identity/departments/{street.Id}/retire", null, Ct)).EnsureSuccessStatusCode();
        var actions = await _host.QueryAsync(db => db.AuditEntries.Where(e => e.Target == street.Id.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Ct));
        Assert.Equal(["department.created", "department.changed", "department.retired"], actions);
        var listed = await _admin.GetFromJsonAsync<List<DepartmentView>>("/api/identity/departments?orgPath=632801/001", Ct);
        Assert.Empty(listed!);
    }
}
