using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Identity.Org;
using Governance.Identity.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Tests.Org;

/// <summary>
/// Issue 12: identity never gives a moved-away or retired code path to another node. Grid and mediation
/// move records by path; a new node on a freed path would inherit what still carries it.
/// </summary>
public sealed class OrgCodeReuseTests : IAsyncLifetime
{
    private IdentityHost _host = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await IdentityHost.StartAsync();
        _admin = await _host.ClientAsAsync(IdentityHost.RootPath, "admin");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<OrgApi.OrgNodeDto> CreateAsync(string parent, string code, string level)
    {
        var response = await _admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = parent, code, name = "某" + code, level }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrgApi.OrgNodeDto>(Ct))!;
    }

    private async Task RefusedAsync(HttpResponseMessage response, string field, string path)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("OrgCodeIsNeverGivenAgain", problem.GetProperty("rule").GetString());
        Assert.Contains(path, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task A_node_created_with_a_moved_away_code_is_refused_naming_the_code()
    {
        var oldStreet = await CreateAsync("632801", "001", "street");
        var newStreet = await CreateAsync("632801", "004", "street");
        var community = await CreateAsync(oldStreet.Path, "002", "community");
        var grid = await CreateAsync(community.Path, "007", "grid");
        (await _admin.PostAsJsonAsync($"/api/identity/org-nodes/{community.Id}/move", new { newParentPath = newStreet.Path }, Ct)).EnsureSuccessStatusCode();

        // The community's old path and its grid's are free in the tree, and never given again.
        var nodes = await _host.QueryAsync(db => db.OrgNodes.CountAsync(Ct));
        await RefusedAsync(await _admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = oldStreet.Path, code = "002", name = "新社区", level = "community" }, Ct),
            "code", "632801/001/002");
        Assert.Equal(nodes, await _host.QueryAsync(db => db.OrgNodes.CountAsync(Ct)));
        // Moving another node onto it is refused the same way, naming the field that chose it.
        var other = await CreateAsync(newStreet.Path, "003", "community");
        await RefusedAsync(await _admin.PostAsJsonAsync($"/api/identity/org-nodes/{other.Id}/move", new { newParentPath = oldStreet.Path, newCode = "002" }, Ct),
            "newCode", "632801/001/002");
        Assert.Equal("632801/004/003", (await _host.QueryAsync(db => db.OrgNodes.SingleAsync(n => n.Id == other.Id, Ct))).Path);

        // Every path ever given is kept, so the rule holds after a restart (it is data, not memory).
        var used = await _host.QueryAsync(db => db.UsedOrgPaths.Select(p => p.Path).ToListAsync(Ct));
        Assert.Contains("632801/001/002", used);
        Assert.Contains("632801/001/002/007", used);
        Assert.Contains("632801/004/002/007", used);
        Assert.Equal(grid.Id, await _host.QueryAsync(db => db.UsedOrgPaths.Where(p => p.Path == "632801/001/002/007").Select(p => p.NodeId).SingleAsync(Ct)));
        // A fresh code under the old street is fine.
        Assert.Equal("632801/001/005", (await CreateAsync(oldStreet.Path, "005", "community")).Path);
    }

    [Fact]
    public async Task A_node_created_with_a_retired_code_is_refused_naming_the_code()
    {
        var street = await CreateAsync("632801", "001", "street");
        var retired = await CreateAsync(street.Path, "008", "community");
        (await _admin.PostAsync($"/api/identity/org-nodes/{retired.Id}/retire", null, Ct)).EnsureSuccessStatusCode();

        await RefusedAsync(await _admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = street.Path, code = "008", name = "新社区", level = "community" }, Ct),
            "code", "632801/001/008");
        // A live node's code is still the plain duplicate it always was.
        var duplicate = await _admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = "632801", code = "001", name = "又一个", level = "street" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Contains("组织节点 632801/001 已存在", (await duplicate.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString());
    }
}
