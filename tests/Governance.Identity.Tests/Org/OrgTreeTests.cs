using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Identity;
using Governance.Identity.Org;
using Governance.Identity.Tests.Infrastructure;
using Governance.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Tests.Org;

public sealed class OrgTreeTests : IAsyncLifetime
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

    private async Task<OrgApi.OrgNodeDto> CreateAsync(string parent, string code, string name, string level, HttpClient? client = null)
    {
        var response = await (client ?? _admin).PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = parent, code, name, level }, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<OrgApi.OrgNodeDto>(Ct))!;
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(Ct);

    [Fact]
    public async Task Nodes_are_created_level_by_level_with_their_code_path()
    {
        var street = await CreateAsync("632801", "001", "昆仑路街道", "street");
        var community = await CreateAsync(street.Path, "002", "金峰社区", "community");
        var grid = await CreateAsync(community.Path, "007", "第七网格", "grid");

        Assert.Equal("632801/001/002/007", grid.Path);
        Assert.Equal("632801/001/002", grid.ParentPath);
        Assert.Equal("grid", grid.Level);
        var children = await _admin.GetFromJsonAsync<List<OrgApi.OrgNodeDto>>("/api/identity/org-nodes?parent=632801/001", Ct);
        Assert.Equal(["金峰社区"], children!.Select(c => c.Name));
        var byPath = await _admin.GetFromJsonAsync<OrgApi.OrgNodeDto>("/api/identity/org-nodes/by-path?path=632801/001/002/007", Ct);
        Assert.Equal(grid.Id, byPath!.Id);
    }

    [Theory]
    [InlineData("632801", "01", "street", "code", "须为 3 位数字")]
    [InlineData("632801", "000", "street", "code", "从 001 到 599")]
    [InlineData("632801", "600", "street", "code", "从 001 到 599")]
    [InlineData("632801", "0a1", "street", "code", "只能由数字组成")]
    [InlineData("632801", "001", "village", "level", "不是 province、")]
    [InlineData("632801", "001", "grid", null, "ChildIsOneLevelBelowParent")]
    [InlineData("999999", "001", "street", "parentPath", "没有路径为“999999”的组织节点")]
    public async Task A_bad_node_is_refused_naming_what_is_wrong(string parent, string code, string level, string? field, string message)
    {
        var response = await _admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = parent, code, name = "某街道", level }, Ct);
        var problem = await ProblemAsync(response);
        if (field is null)
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Equal(message, problem.GetProperty("rule").GetString());
        }
        else
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        }
        Assert.Equal(1, await _host.QueryAsync(db => db.OrgNodes.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_county_code_outside_its_prefecture_is_refused()
    {
        var problem = OrgCodes.Check("642801", OrgLevel.County, new OrgNode { Code = "632800", Path = "630000/632800", Name = "海西州", Level = OrgLevel.Prefecture });
        Assert.Contains("first 4 digits must be 6328", problem?.Message);
        Assert.Null(OrgCodes.Check("632801", OrgLevel.County, new OrgNode { Code = "632800", Path = "630000/632800", Name = "海西州", Level = OrgLevel.Prefecture }));
        Assert.Contains("0000", OrgCodes.Check("631000", OrgLevel.Province, null)?.Message);
        Assert.Contains("not 0000", OrgCodes.Check("630000", OrgLevel.Prefecture, null)?.Message);
        Assert.Contains("must not end in 00", OrgCodes.Check("632800", OrgLevel.County, null)?.Message);
    }

    [Fact]
    public async Task A_duplicate_code_under_one_parent_is_refused()
    {
        await CreateAsync("632801", "001", "昆仑路街道", "street");
        var response = await _admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = "632801", code = "001", name = "重复", level = "street" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("组织节点 632801/001 已存在", (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Moving_a_community_moves_its_grids_and_says_so_in_one_event()
    {
        var east = await CreateAsync("632801", "001", "东街道", "street");
        var west = await CreateAsync("632801", "002", "西街道", "street");
        var community = await CreateAsync(east.Path, "003", "金峰社区", "community");
        await CreateAsync(community.Path, "001", "一网格", "grid");
        await CreateAsync(community.Path, "002", "二网格", "grid");

        var response = await _admin.PostAsJsonAsync($"/api/identity/org-nodes/{community.Id}/move", new { newParentPath = west.Path }, Ct);
        response.EnsureSuccessStatusCode();

        var paths = await _host.QueryAsync(db => db.OrgNodes.Where(n => n.Path.StartsWith("632801/00")).OrderBy(n => n.Path).Select(n => n.Path).ToListAsync(Ct));
        Assert.Equal(["632801/001", "632801/002", "632801/002/003", "632801/002/003/001", "632801/002/003/002"], paths);
        var moved = await _host.QueryAsync(db => db.Set<OutboxMessage>().Where(m => m.MessageType.Contains(nameof(OrgNodeChanged))).ToListAsync(Ct));
        // The dispatcher may have published it already; when it is still in the outbox it must say both paths.
        Assert.All(moved, m => Assert.Contains("632801/001/003", m.Body));
    }

    [Fact]
    public async Task A_node_with_children_is_not_retired_and_an_empty_one_is()
    {
        var street = await CreateAsync("632801", "001", "昆仑路街道", "street");
        var community = await CreateAsync(street.Path, "002", "金峰社区", "community");

        var refused = await _admin.PostAsync($"/api/identity/org-nodes/{street.Id}/retire", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("RetiredNodeHasNoChildren", (await ProblemAsync(refused)).GetProperty("rule").GetString());

        (await _admin.PostAsync($"/api/identity/org-nodes/{community.Id}/retire", null, Ct)).EnsureSuccessStatusCode();
        (await _admin.PostAsync($"/api/identity/org-nodes/{street.Id}/retire", null, Ct)).EnsureSuccessStatusCode();
        var late = await _admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = street.Path, code = "003", name = "新社区", level = "community" }, Ct);
        Assert.Equal("RetiredNodeTakesNoChildren", (await ProblemAsync(late)).GetProperty("rule").GetString());
    }

    [Fact]
    public async Task Renaming_is_audited_with_who_and_what()
    {
        var street = await CreateAsync("632801", "001", "昆仑路街道", "street");
        (await _admin.PostAsJsonAsync($"/api/identity/org-nodes/{street.Id}/rename", new { name = "昆仑街道" }, Ct)).EnsureSuccessStatusCode();
        var entry = await _host.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "org-node.renamed", Ct));
        Assert.Equal("632801/001", entry.Target);
        Assert.Equal("昆仑路街道 → 昆仑街道", entry.Detail);
        Assert.Equal("127.0.0.1", entry.Source);
    }

    [Fact]
    public async Task Org_scope_a_community_sees_only_its_branch_and_a_street_sees_its_communities()
    {
        var street = await CreateAsync("632801", "001", "昆仑路街道", "street");
        var mine = await CreateAsync(street.Path, "001", "金峰社区", "community");
        var sibling = await CreateAsync(street.Path, "002", "银峰社区", "community");

        var communityUser = await _host.ClientAsAsync(mine.Path, "grid_worker");
        Assert.Equal(HttpStatusCode.NotFound, (await communityUser.GetAsync($"/api/identity/org-nodes/{sibling.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await communityUser.GetAsync($"/api/identity/org-nodes/{mine.Id}", Ct)).StatusCode);
        // Its own ancestors, for the breadcrumb, but not their other children.
        var streetChildren = await communityUser.GetFromJsonAsync<List<OrgApi.OrgNodeDto>>($"/api/identity/org-nodes?parent={street.Path}", Ct);
        Assert.Equal([mine.Path], streetChildren!.Select(c => c.Path));

        var streetUser = await _host.ClientAsAsync(street.Path, "grid_leader");
        Assert.Equal(HttpStatusCode.OK, (await streetUser.GetAsync($"/api/identity/org-nodes/{sibling.Id}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_inside_the_subtree_changes_nodes()
    {
        var east = await CreateAsync("632801", "001", "东街道", "street");
        var west = await CreateAsync("632801", "002", "西街道", "street");
        var eastAdmin = await _host.ClientAsAsync(east.Path, "admin");
        var eastWorker = await _host.ClientAsAsync(east.Path, "grid_worker");

        await CreateAsync(east.Path, "001", "东一社区", "community", eastAdmin);
        var outside = await eastAdmin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = west.Path, code = "001", name = "西一社区", level = "community" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        var notAdmin = await eastWorker.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = east.Path, code = "002", name = "东二社区", level = "community" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notAdmin.StatusCode);
        var anonymous = await _host.Client().PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = east.Path, code = "002", name = "东二社区", level = "community" }, Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
