using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Google.Protobuf;
using Governance.Contracts.Identity.V1;
using Governance.Grpc.Client;
using Governance.Grpc.Status;
using Governance.Identity.Tests.Infrastructure;
using Governance.Identity.Users;
using User = Governance.Contracts.Identity.V1.User;

namespace Governance.Identity.Tests.Grpc;

public sealed class IdentityGrpcTests : IAsyncLifetime
{
    private static readonly Google.Protobuf.Reflection.ServiceDescriptor Service = IdentityReflection.Descriptor.Services[0];
    private IdentityHost _host = null!;
    private GrpcClient _grpc = null!;
    private Guid _worker;

    public async ValueTask InitializeAsync()
    {
        _host = await IdentityHost.StartAsync();
        _grpc = new GrpcClient(new GrpcClientOptions { Address = _host.Grpc });
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
        _grpc.Dispose();
        await _host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<TReply> CallAsync<TReply>(string method, IMessage request, MessageParser<TReply> parser, string token)
        where TReply : class, IMessage<TReply> =>
        await _grpc.UnaryAsync(Service.FindMethodByName(method), request, parser, new CallOptions { BearerToken = token, CancellationToken = Ct });

    [Fact]
    public async Task Org_nodes_are_read_by_path_as_children_and_as_a_subtree_within_reach()
    {
        var street = await _host.TokenForAsync("632801/001", "grid_leader");
        var node = await CallAsync("GetOrgNode", new GetOrgNodeRequest { Path = "632801/001/001" }, OrgNode.Parser, street);
        Assert.Equal(("community", "632801/001"), (node.Level, node.ParentPath));
        var children = await CallAsync("ListOrgNodes", new ListOrgNodesRequest { Path = "632801/001" }, ListOrgNodesResponse.Parser, street);
        Assert.Equal(["632801/001/001", "632801/001/002"], children.Nodes.Select(n => n.Path));
        var oneLevel = await CallAsync("ListOrgNodes", new ListOrgNodesRequest { Subtree = true, MaxDepth = 1 }, ListOrgNodesResponse.Parser, street);
        Assert.Equal(["632801/001", "632801/001/001", "632801/001/002"], oneLevel.Nodes.Select(n => n.Path));

        var community = await _host.TokenForAsync("632801/001/002", "grid_worker");
        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync("GetOrgNode", new GetOrgNodeRequest { Path = "632801/001/001" }, OrgNode.Parser, community));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var bad = await Assert.ThrowsAsync<RpcException>(() => CallAsync("GetOrgNode", new GetOrgNodeRequest(), OrgNode.Parser, community));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    [Fact]
    public async Task Users_are_listed_within_the_callers_subtree_with_a_page_token()
    {
        var street = await _host.TokenForAsync("632801/001", "grid_leader");
        var first = await CallAsync("ListUsers", new ListUsersRequest { Role = "grid_worker", PageSize = 1 }, ListUsersResponse.Parser, street);
        Assert.Equal(["sibling"], first.Users.Select(u => u.UserName));
        var second = await CallAsync("ListUsers", new ListUsersRequest { Role = "grid_worker", PageSize = 1, PageToken = first.NextPageToken }, ListUsersResponse.Parser, street);
        Assert.Equal(["worker"], second.Users.Select(u => u.UserName));

        var community = await _host.TokenForAsync("632801/001/002", "grid_worker");
        var own = await CallAsync("ListUsers", new ListUsersRequest(), ListUsersResponse.Parser, community);
        Assert.Equal(["sibling"], own.Users.Select(u => u.UserName));
        var outside = await Assert.ThrowsAsync<RpcException>(() => CallAsync("GetUser", new GetUserRequest { Id = _worker.ToString() }, User.Parser, community));
        Assert.Equal(StatusCode.NotFound, outside.StatusCode);
        var wider = await Assert.ThrowsAsync<RpcException>(() => CallAsync("ListUsers", new ListUsersRequest { OrgPath = "632801" }, ListUsersResponse.Parser, community));
        Assert.Equal(StatusCode.PermissionDenied, wider.StatusCode);
    }

    [Fact]
    public async Task CheckPermission_needs_the_role_and_the_org_scope()
    {
        var community = await _host.TokenForAsync("632801/001/001", "grid_worker");
        async Task<CheckPermissionResponse> Check(string permission, string org, string userId = "") =>
            await CallAsync("CheckPermission", new CheckPermissionRequest { Permission = permission, OrgPath = org, UserId = userId }, CheckPermissionResponse.Parser, community);

        Assert.True((await Check("incident.report", "632801/001/001/001")).Allowed);
        var sibling = await Check("incident.report", "632801/001/002");
        Assert.False(sibling.Allowed);
        Assert.Contains("outside", sibling.Reason);
        Assert.False((await Check("incident.dispatch", "632801/001/001")).Allowed);
        Assert.True((await Check("incident.report", "632801/001/001", _worker.ToString())).Allowed);
        var bad = await Assert.ThrowsAsync<RpcException>(() => Check("incident.report", "not/a path"));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }

    [Fact]
    public async Task Python_grpcio_reads_a_user_and_checks_a_permission()
    {
        var descriptor = Path.Combine(Path.GetTempPath(), $"identity-{Guid.NewGuid():n}.pb");
        await File.WriteAllBytesAsync(descriptor, IdentityReflection.Descriptor.SerializedData.ToByteArray(), Ct);
        try
        {
            var token = await _host.TokenForAsync("632801/001", "grid_leader");
            var r = JsonDocument.Parse(await RunPythonAsync($"127.0.0.1:{_host.Grpc.Port}", token, descriptor, _worker.ToString())).RootElement;
            Assert.Equal("worker", r.GetProperty("user_name").GetString());
            Assert.Equal(["grid_worker"], r.GetProperty("roles").EnumerateArray().Select(e => e.GetString()));
            Assert.True(r.GetProperty("allowed").GetBoolean(), r.GetProperty("reason").GetString());
            Assert.Equal("INVALID_ARGUMENT", r.GetProperty("bad_id").GetString());
            Assert.Equal("UNAUTHENTICATED", r.GetProperty("anonymous").GetString());
        }
        finally
        {
            File.Delete(descriptor);
        }
    }

    private static Task<string> RunPythonAsync(params string[] args) =>
        PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Grpc", "Interop", "identity_client.py"), args, Ct);
}
