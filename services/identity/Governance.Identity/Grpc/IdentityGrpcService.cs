using System.Text;
using Governance.Contracts.Identity.V1;
using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.Identity.Roles;
using Governance.Identity.Users;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using ProtoOrgNode = Governance.Contracts.Identity.V1.OrgNode;
using ProtoUser = Governance.Contracts.Identity.V1.User;

namespace Governance.Identity.Grpc;

/// <summary>
/// <c>governance.identity.v1.IdentityService</c>: the same reads and org-scope rules as the REST API,
/// for departments' systems and other services; reads of users need <c>user.read</c> like REST's, checked once
/// in <see cref="UserDirectory"/>. Refusals are <see cref="DomainException"/>s, which the
/// platform's DomainStatusInterceptor maps to INVALID_ARGUMENT, NOT_FOUND, PERMISSION_DENIED.
/// </summary>
public sealed class IdentityGrpcService(IdentityDb db, OrgTree tree, UserDirectory users, PermissionCheck permissions)
    : IdentityService.IdentityServiceBase
{
    public override async Task<ProtoOrgNode> GetOrgNode(GetOrgNodeRequest request, ServerCallContext context)
    {
        var caller = context.GetHttpContext().Caller();
        var node = request.KeyCase switch
        {
            GetOrgNodeRequest.KeyOneofCase.Id when Guid.TryParse(request.Id, out var id) => await tree.GetAsync(caller, id, context.CancellationToken),
            GetOrgNodeRequest.KeyOneofCase.Id => throw DomainException.Invalid("id", $"The id '{request.Id}' is not a UUID."),
            GetOrgNodeRequest.KeyOneofCase.Path => await tree.GetByPathAsync(caller, request.Path, context.CancellationToken),
            _ => throw DomainException.Invalid("key", "Give the node's id or its path."),
        };
        return ToProto(node);
    }

    public override async Task<ListOrgNodesResponse> ListOrgNodes(ListOrgNodesRequest request, ServerCallContext context)
    {
        var caller = context.GetHttpContext().Caller();
        var ct = context.CancellationToken;
        var reply = new ListOrgNodesResponse();
        if (!request.Subtree)
        {
            var path = request.Path.Length > 0 ? request.Path : caller.OrgPath?.Value;
            if (path is null) return reply;
            reply.Nodes.AddRange((await tree.ListChildrenAsync(caller, path, request.IncludeRetired, ct)).Select(ToProto));
            return reply;
        }
        if (request.MaxDepth is < 0 or > 6) throw DomainException.Invalid("max_depth", "The depth must be 0 (all) to 6 levels.");
        var top = request.Path.Length > 0 ? await tree.GetByPathAsync(caller, request.Path, ct)
            : caller.OrgPath is { } own ? await tree.GetByPathAsync(caller, own.Value, ct) : null;
        if (top is null) return reply;
        var deepest = request.MaxDepth == 0 ? OrgLevel.Grid : (OrgLevel)Math.Min((int)top.Level + request.MaxDepth, (int)OrgLevel.Grid);
        var prefix = top.Path + "/";
        var nodes = await db.OrgNodes.AsNoTracking()
            .Where(n => (n.Path == top.Path || n.Path.StartsWith(prefix)) && (request.IncludeRetired || n.RetiredAt == null))
            .ToListAsync(ct);
        // The depth is filtered here: levels are stored by name, which the database would compare as text.
        // Sorted here, ordinally: the database's collation would put 632801/001/001 before 632801/001.
        // A subtree of an ancestor shows only the caller's own branch of it.
        reply.Nodes.AddRange(nodes.Where(n => n.Level <= deepest && OrgTree.MaySee(caller, n)).OrderBy(n => n.Path, StringComparer.Ordinal).Select(ToProto));
        return reply;
    }

    public override async Task<ProtoUser> GetUser(GetUserRequest request, ServerCallContext context) =>
        ToProto(await users.GetAsync(context.GetHttpContext().Caller(), ParseId(request.Id, "id"), context.CancellationToken));

    public override async Task<ListUsersResponse> ListUsers(ListUsersRequest request, ServerCallContext context)
    {
        Guid? department = request.DepartmentId.Length > 0 ? ParseId(request.DepartmentId, "department_id") : null;
        var page = await users.ListAsync(context.GetHttpContext().Caller(), new UserQuery(
            request.OrgPath, request.Role, department, request.Status, request.PageSize == 0 ? null : request.PageSize, DecodeToken(request.PageToken)),
            context.CancellationToken);
        var reply = new ListUsersResponse { NextPageToken = page.Next is null ? "" : Convert.ToBase64String(Encoding.UTF8.GetBytes(page.Next)) };
        reply.Users.AddRange(page.Items.Select(ToProto));
        return reply;
    }

    public override async Task<CheckPermissionResponse> CheckPermission(CheckPermissionRequest request, ServerCallContext context)
    {
        var caller = context.GetHttpContext().Caller();
        if (string.IsNullOrWhiteSpace(request.Permission)) throw DomainException.Invalid("permission", "The permission is required, e.g. incident.dispatch.");
        if (!OrgPath.TryParse(request.OrgPath, out var recordOrg))
            throw DomainException.Invalid("org_path", $"The org path '{request.OrgPath}' is not a path of digit codes like 632801/001/002.");
        PermissionDecision decision;
        if (request.UserId.Length == 0)
        {
            decision = await permissions.CheckAsync(caller.Posts, request.Permission, recordOrg, context.CancellationToken);
        }
        else
        {
            // Another user's permissions are the caller's business only when the caller may read users (user.read,
            // checked by the directory as for GetUser) and that user lies in the caller's subtree.
            var user = await users.GetAsync(caller, ParseId(request.UserId, "user_id"), context.CancellationToken);
            decision = user.Status != "active"
                ? new PermissionDecision(false, $"The user {user.UserName} is disabled.")
                : await permissions.CheckAsync(user.Posts.Select(p => new Post(p.Role, OrgPath.Parse(p.OrgPath), p.Until)).ToList(),
                    request.Permission, recordOrg, context.CancellationToken);
        }
        return new CheckPermissionResponse { Allowed = decision.Allowed, Reason = decision.Reason };
    }

    private static Guid ParseId(string value, string field) =>
        Guid.TryParse(value, out var id) ? id : throw DomainException.Invalid(field, $"The {field} '{value}' is not a UUID.");

    private static string? DecodeToken(string token)
    {
        if (token.Length == 0) return null;
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            throw DomainException.Invalid("page_token", "The page token is not one this service gave out.");
        }
    }

    private static ProtoOrgNode ToProto(Org.OrgNode n)
    {
        var view = OrgApi.OrgNodeDto.From(n);
        return new ProtoOrgNode
        {
            Id = view.Id.ToString(), Code = view.Code, Path = view.Path, Name = view.Name, Level = view.Level,
            ParentPath = view.ParentPath ?? "", Retired = view.Retired,
        };
    }

    private static ProtoUser ToProto(UserView u)
    {
        var user = new ProtoUser
        {
            Id = u.Id.ToString(), UserName = u.UserName, DisplayName = u.DisplayName, OrgPath = u.OrgPath,
            DepartmentId = u.DepartmentId?.ToString() ?? "", Status = u.Status, SecondFactorEnrolled = u.SecondFactorEnrolled,
        };
        user.Roles.AddRange(u.Roles);
        return user;
    }
}
