using Governance.Identity.SignIn;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Identity.Users;

/// <summary>
/// The console's account administration, under <c>/api/identity/users</c>: reads need <c>user.read</c>,
/// changes <c>user.manage</c>, on users within the caller's org subtree (checked by <see cref="UserDirectory"/>
/// and <see cref="UserAccounts"/>, so that gRPC answers the same).
/// </summary>
public static class UsersApi
{
    public sealed record CreateRequest(string? UserName, string? DisplayName, string? OrgPath, Guid? DepartmentId, List<string>? Roles, string? Password);
    public sealed record CreatedUser(UserView User, IReadOnlyList<string> SecondFactorNeededFor, string? Message, SignIn.TotpEnrolled? SecondFactor);
    public sealed record PlacementRequest(string? OrgPath, Guid? DepartmentId);
    public sealed record PasswordRequest(string? Password);
    public sealed record RoleRequest(string? Role);
    public sealed record NamesRequest(List<Guid>? Ids);

    /// <summary>A post to grant: <c>{ "role": "grid_leader", "orgPath": "632801/001/002", "until": "2027-03-01T00:00:00Z" }</c>; no <c>until</c>, no end.</summary>
    public sealed record PostRequest(string? Role, string? OrgPath, string? Until);

    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/identity/users");
        users.MapGet("", List).ProducesRefusals(400);
        users.MapGet("/{id:guid}", Get).ProducesRefusals(404);
        // A POST so that a page of ids fits in the body; it changes nothing.
        users.MapPost("/names", Names).ProducesRefusals(400, 403);
        users.MapPost("", Create).ProducesRefusals(400, 409);
        users.MapPost("/{id:guid}/placement", ChangePlacement).ProducesRefusals(400, 404, 409);
        users.MapPost("/{id:guid}/disable", Disable).ProducesRefusals(404, 409);
        users.MapPost("/{id:guid}/enable", Enable).ProducesRefusals(404, 409);
        users.MapPost("/{id:guid}/password", ResetPassword).ProducesRefusals(400, 404, 409);
        users.MapPost("/{id:guid}/unlock", Unlock).ProducesRefusals(404, 409);
        users.MapPost("/{id:guid}/totp", ResetTotp).ProducesRefusals(404, 409);
        users.MapPost("/{id:guid}/roles", Grant).ProducesRefusals(400, 404, 409);
        users.MapDelete("/{id:guid}/roles/{role}", Revoke).ProducesRefusals(400, 404, 409);
        users.MapPost("/{id:guid}/posts", GrantPost).ProducesRefusals(400, 404, 409);
        users.MapDelete("/{id:guid}/posts/{postId:guid}", EndPost).ProducesRefusals(404, 409);
        return app;
    }

    private static async Task<Ok<UserPage>> List(HttpContext http, UserDirectory directory,
        string? orgPath, string? role, Guid? departmentId, string? status, int? pageSize, string? after, CancellationToken ct) =>
        TypedResults.Ok(await directory.ListAsync(http.Caller(), new UserQuery(orgPath, role, departmentId, status, pageSize, after), ct));

    private static async Task<Ok<IReadOnlyList<UserNameView>>> Names(HttpContext http, UserDirectory directory, NamesRequest request, CancellationToken ct) =>
        TypedResults.Ok(await directory.NamesAsync(http.Caller(), request.Ids, ct));

    private static async Task<Ok<UserView>> Get(HttpContext http, UserDirectory directory, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await directory.GetAsync(http.Caller(), id, ct));

    private static async Task<Created<CreatedUser>> Create(HttpContext http, UserAccounts accounts, CreateRequest request, CancellationToken ct)
    {
        var (user, needTotp, secondFactor) = await accounts.CreateAsync(http.Caller(), request.UserName, request.DisplayName, request.OrgPath,
            request.DepartmentId, request.Roles, request.Password, ct);
        var message = needTotp.Count == 0 ? null
            : $"The roles {string.Join(", ", needTotp)} require a second factor: a TOTP secret was created for this user and is shown this once.";
        return TypedResults.Created($"/api/identity/users/{user.Id}", new CreatedUser(user, needTotp, message, secondFactor));
    }

    private static async Task<Ok<UserView>> ChangePlacement(HttpContext http, UserAccounts accounts, Guid id, PlacementRequest request, CancellationToken ct) =>
        TypedResults.Ok(await accounts.ChangePlacementAsync(http.Caller(), id, request.OrgPath, request.DepartmentId, ct));

    private static async Task<Ok<UserView>> Disable(HttpContext http, UserAccounts accounts, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await accounts.DisableAsync(http.Caller(), id, ct));

    private static async Task<Ok<UserView>> Enable(HttpContext http, UserAccounts accounts, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await accounts.EnableAsync(http.Caller(), id, ct));

    private static async Task<Ok<UserView>> ResetPassword(HttpContext http, UserAccounts accounts, Guid id, PasswordRequest request, CancellationToken ct) =>
        TypedResults.Ok(await accounts.ResetPasswordAsync(http.Caller(), id, request.Password, ct));

    private static async Task<Ok<TotpEnrolled>> ResetTotp(HttpContext http, UserAccounts accounts, Guid id, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store"; // the secret is shown this once
        return TypedResults.Ok(await accounts.ResetTotpAsync(http.Caller(), id, ct));
    }

    private static async Task<Ok<UserView>> Unlock(HttpContext http, UserAccounts accounts, Guid id, CancellationToken ct) =>
        TypedResults.Ok(await accounts.UnlockAsync(http.Caller(), id, ct));

    private static async Task<Ok<RoleGrantResult>> Grant(HttpContext http, UserAccounts accounts, Guid id, RoleRequest request, CancellationToken ct) =>
        TypedResults.Ok(await accounts.GrantRoleAsync(http.Caller(), id, request.Role, ct));

    private static async Task<Ok<PostGrantResult>> GrantPost(HttpContext http, PostAdmin posts, Guid id, PostRequest request, CancellationToken ct)
    {
        var result = await posts.GrantAsync(http.Caller(), id, request.Role, request.OrgPath, request.Until, ct);
        if (result.SecondFactor is not null) http.Response.Headers.CacheControl = "no-store"; // the secret is shown this once
        return TypedResults.Ok(result);
    }

    private static async Task<Ok<UserView>> EndPost(HttpContext http, PostAdmin posts, Guid id, Guid postId, CancellationToken ct) =>
        TypedResults.Ok(await posts.EndAsync(http.Caller(), id, postId, ct));

    private static async Task<Ok<UserView>> Revoke(HttpContext http, UserAccounts accounts, Guid id, string role, CancellationToken ct) =>
        TypedResults.Ok(await accounts.RevokeRoleAsync(http.Caller(), id, role, ct));
}
