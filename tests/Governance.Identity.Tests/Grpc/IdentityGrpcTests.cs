using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Identity.V1;
using Grpc.Core;
using Governance.Identity.Tests.Infrastructure;
using Governance.Identity.Users;
using Grpc.Net.Client;
using User = Governance.Contracts.Identity.V1.User;

namespace Governance.Identity.Tests.Grpc;

public sealed class IdentityGrpcTests : IAsyncLifetime
{
    private IdentityHost _host = null!;
    private GrpcChannel _channel = null!;
    private IdentityService.IdentityServiceClient _client = null!;
    private Guid _worker;

    public async ValueTask InitializeAsync()
    {
        _host = await IdentityHost.StartAsync();
        _channel = GrpcChannel.ForAddress(_host.Grpc);
        _client = new IdentityService.IdentityServiceClient(_channel);
        var admin = await _host.ClientAsAsync(IdentityHost.RootPath, "admin");
        foreach (var (parent, code, level) in new[] { ("632801", "001", "street"), ("632801/001", "001", "community"), ("632801/001", "002", "community"), ("632801/001/001", "001", "grid") })
            (await admin.PostAsJsonAsync("/api/identity/org-nodes", new { parentPath = parent, code, name = "节点" + code, level }, Ct)).EnsureSuccessStatusCode();
        var created = await admin.PostAsJsonAsync("/api/identity/users",
            new { userName = "worker", displayName = "网格员甲", orgPath = "632801/001/001", roles = new[] { "grid_worker" }, password = "correct horse battery" }, Ct);
        _worker = (await created.Content.ReadFromJsonAsync<UsersApi.CreatedUser>(Ct))!.User.Id;
        await admin.PostAsJsonAsync("/api/identity/users",
            new { userName = "sibling", displayName = "网格员乙", orgPath = "632801/001/002", roles = new[] { "grid_worker" }, password = "correct horse battery" }, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CallOptions As(string token) =>
        new(new Metadata { { "authorization", "Bearer " + token } }, DateTime.UtcNow.AddSeconds(30), Ct);

    [Fact]
    public async Task Org_nodes_are_read_by_path_as_children_and_as_a_subtree_within_reach()
    {
        var street = await _host.TokenForAsync("632801/001", "grid_leader");
        var node = await _client.GetOrgNodeAsync(new GetOrgNodeRequest { Path = "632801/001/001" }, As(street)).ResponseAsync;
        Assert.Equal(("community", "632801/001"), (node.Level, node.ParentPath));
        var children = await _client.ListOrgNodesAsync(new ListOrgNodesRequest { Path = "632801/001" }, As(street)).ResponseAsync;
        Assert.Equal(["632801/001/001", "632801/001/002"], children.Nodes.Select(n => n.Path));
        var oneLevel = await _client.ListOrgNodesAsync(new ListOrgNodesRequest { Subtree = true, MaxDepth = 1 }, As(street)).ResponseAsync;
        Assert.Equal(["632801/001", "632801/001/001", "632801/001/002"], oneLevel.Nodes.Select(n => n.Path));

        var community = await _host.TokenForAsync("632801/001/002", "grid_worker");
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.GetOrgNodeAsync(new GetOrgNodeRequest { Path = "632801/001/001" }, As(community)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var bad = await Assert.ThrowsAsync<RpcException>(() => _client.GetOrgNodeAsync(new GetOrgNodeRequest(), As(community)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    [Fact]
    public async Task Users_are_listed_within_the_callers_subtree_with_a_page_token()
    {
        var street = await _host.TokenForAsync("632801/001", "admin");
        var first = await _client.ListUsersAsync(new ListUsersRequest { Role = "grid_worker", PageSize = 1 }, As(street)).ResponseAsync;
        Assert.Equal(["sibling"], first.Users.Select(u => u.UserName));
        var second = await _client.ListUsersAsync(new ListUsersRequest { Role = "grid_worker", PageSize = 1, PageToken = first.NextPageToken }, As(street)).ResponseAsync;
        Assert.Equal(["worker"], second.Users.Select(u => u.UserName));

        var community = await _host.TokenForAsync("632801/001/002", "admin");
        var own = await _client.ListUsersAsync(new ListUsersRequest(), As(community)).ResponseAsync;
        Assert.Equal(["sibling"], own.Users.Select(u => u.UserName));
        var outside = await Assert.ThrowsAsync<RpcException>(() => _client.GetUserAsync(new GetUserRequest { Id = _worker.ToString() }, As(community)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, outside.StatusCode);
        var wider = await Assert.ThrowsAsync<RpcException>(() => _client.ListUsersAsync(new ListUsersRequest { OrgPath = "632801" }, As(community)).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, wider.StatusCode);
    }

    [Fact]
    public async Task Reading_users_needs_the_permission_the_REST_admin_API_needs()
    {
        // A grid leader sees the grid's workers every day, but account data (roles, second factor, lock state) is
        // for roles carrying user.read: the same refusal on each read, whether the user exists or not.
        var leader = await _host.TokenForAsync("632801/001", "grid_leader");
        var refusals = new[]
        {
            await Assert.ThrowsAsync<RpcException>(() => _client.ListUsersAsync(new ListUsersRequest(), As(leader)).ResponseAsync),
            await Assert.ThrowsAsync<RpcException>(() => _client.GetUserAsync(new GetUserRequest { Id = _worker.ToString() }, As(leader)).ResponseAsync),
            await Assert.ThrowsAsync<RpcException>(() => _client.GetUserAsync(new GetUserRequest { Id = Guid.NewGuid().ToString() }, As(leader)).ResponseAsync),
            await Assert.ThrowsAsync<RpcException>(() => _client.CheckPermissionAsync(
                new CheckPermissionRequest { Permission = "incident.report", OrgPath = "632801/001/001", UserId = _worker.ToString() }, As(leader)).ResponseAsync),
        };
        Assert.All(refusals, e =>
        {
            Assert.Equal(StatusCode.PermissionDenied, e.StatusCode);
            Assert.Contains("'user.read'", e.Status.Detail);
        });
        var rest = await _host.Client(leader).GetAsync($"/api/identity/users/{_worker}", Ct);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, rest.StatusCode);
        Assert.Contains("'user.read'", await rest.Content.ReadAsStringAsync(Ct));

        var admin = await _host.TokenForAsync("632801/001", "admin");
        Assert.Equal("worker", (await _client.GetUserAsync(new GetUserRequest { Id = _worker.ToString() }, As(admin)).ResponseAsync).UserName);
    }

    [Fact]
    public async Task CheckPermission_needs_the_role_and_the_org_scope()
    {
        var community = await _host.TokenForAsync("632801/001/001", "grid_worker");
        async Task<CheckPermissionResponse> Check(string permission, string org, string userId = "") =>
            await _client.CheckPermissionAsync(new CheckPermissionRequest { Permission = permission, OrgPath = org, UserId = userId }, As(community)).ResponseAsync;

        Assert.True((await Check("incident.report", "632801/001/001/001")).Allowed);
        var sibling = await Check("incident.report", "632801/001/002");
        Assert.False(sibling.Allowed);
        Assert.Contains("outside", sibling.Reason);
        Assert.False((await Check("incident.dispatch", "632801/001/001")).Allowed);
        var bad = await Assert.ThrowsAsync<RpcException>(() => Check("incident.report", "not/a path"));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);

        // About oneself any signed-in caller may ask; about another user only a caller who may read users.
        var other = await Assert.ThrowsAsync<RpcException>(() => Check("incident.report", "632801/001/001", _worker.ToString()));
        Assert.Equal(StatusCode.PermissionDenied, other.StatusCode);
        var admin = await _host.TokenForAsync("632801/001", "admin");
        var about = await _client.CheckPermissionAsync(
            new CheckPermissionRequest { Permission = "incident.report", OrgPath = "632801/001/001", UserId = _worker.ToString() }, As(admin)).ResponseAsync;
        Assert.True(about.Allowed, about.Reason);
    }

    [Fact]
    public async Task Python_grpcio_reads_a_user_and_checks_a_permission()
    {
        var token = await _host.TokenForAsync("632801/001", "admin");
        var leader = await _host.TokenForAsync("632801/001", "grid_leader");
        var r = JsonDocument.Parse(await RunPythonAsync($"127.0.0.1:{_host.Grpc.Port}", token, _worker.ToString(), leader)).RootElement;
        Assert.Equal("worker", r.GetProperty("user_name").GetString());
        Assert.Equal(["grid_worker"], r.GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
        Assert.True(r.GetProperty("allowed").GetBoolean(), r.GetProperty("reason").GetString());
        Assert.Equal("INVALID_ARGUMENT", r.GetProperty("bad_id").GetString());
        Assert.Equal("UNAUTHENTICATED", r.GetProperty("anonymous").GetString());
        Assert.Equal("PERMISSION_DENIED", r.GetProperty("without_user_read").GetProperty("code").GetString());
        Assert.Contains("'user.read'", r.GetProperty("without_user_read").GetProperty("details").GetString());
    }

    private static Task<string> RunPythonAsync(params string[] args) =>
        PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Grpc", "Interop", "identity_client.py"), args, Ct);
}
