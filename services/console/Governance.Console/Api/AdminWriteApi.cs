using System.Security.Cryptography;

namespace Governance.Console.Api;

/// <summary>
/// The administration pages' changes beyond creating users and granting posts: identity's org-node changes (create,
/// rename, move, retire), account changes (disable, enable, password reset, TOTP reset) and departments, with the
/// signed-in admin's token. Identity checks the permission and the org scope of every call (<c>org.manage</c>,
/// <c>user.manage</c>, <c>department.manage</c>); a refusal comes back in words.
/// </summary>
public sealed class AdminWriteApi(ServicesApi api)
{
    private static string E(string value) => Uri.EscapeDataString(value);

    public Task<ApiResult<OrgNode>> CreateNodeAsync(string parentPath, string code, string name, string level) =>
        api.PostAsync<OrgNode>("/api/identity/org-nodes", new { parentPath, code, name, level });

    public Task<ApiResult<OrgNode>> RenameNodeAsync(Guid id, string name) =>
        api.PostAsync<OrgNode>($"/api/identity/org-nodes/{id}/rename", new { name });

    /// <summary>Moves a node (its descendants follow) under <paramref name="newParentPath"/>, keeping its code unless a new one is given.</summary>
    public Task<ApiResult<OrgNode>> MoveNodeAsync(Guid id, string newParentPath, string? newCode) =>
        api.PostAsync<OrgNode>($"/api/identity/org-nodes/{id}/move", new { newParentPath, newCode });

    public Task<ApiResult<OrgNode>> RetireNodeAsync(Guid id) =>
        api.PostAsync<OrgNode>($"/api/identity/org-nodes/{id}/retire", new { });

    public Task<ApiResult<AdminUser>> DisableUserAsync(Guid id) => api.PostAsync<AdminUser>($"/api/identity/users/{id}/disable", new { });

    public Task<ApiResult<AdminUser>> EnableUserAsync(Guid id) => api.PostAsync<AdminUser>($"/api/identity/users/{id}/enable", new { });

    /// <summary>An admin's reset: identity sets the password given, ends the user's sessions and makes them choose their own at the next sign-in.</summary>
    public Task<ApiResult<AdminUser>> ResetPasswordAsync(Guid id, string password) =>
        api.PostAsync<AdminUser>($"/api/identity/users/{id}/password", new { password });

    /// <summary>A new TOTP secret for a user who lost their authenticator, answered this once; the old one stops working.</summary>
    public Task<ApiResult<TotpEnrolled>> ResetTotpAsync(Guid id) => api.PostAsync<TotpEnrolled>($"/api/identity/users/{id}/totp", new { });

    /// <summary>The departments at a node and below it, retired ones included (marked).</summary>
    public Task<ApiResult<List<AdminDepartment>>> DepartmentsAsync(string orgPath) =>
        api.GetAsync<List<AdminDepartment>>($"/api/identity/departments?orgPath={E(orgPath)}&includeDescendants=true&includeRetired=true");

    public Task<ApiResult<AdminDepartment>> CreateDepartmentAsync(string orgPath, string code, string name, string kind) =>
        api.PostAsync<AdminDepartment>("/api/identity/departments", new { orgPath, code, name, kind });

    public Task<ApiResult<AdminDepartment>> RenameDepartmentAsync(Guid id, string name) =>
        api.PostAsync<AdminDepartment>($"/api/identity/departments/{id}/rename", new { name });

    public Task<ApiResult<AdminDepartment>> RetireDepartmentAsync(Guid id) =>
        api.PostAsync<AdminDepartment>($"/api/identity/departments/{id}/retire", new { });

    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", Lower = "abcdefghijkmnpqrstuvwxyz", Digits = "23456789";

    /// <summary>
    /// A one-time password for an admin's reset: 16 characters of upper case, lower case and digits (identity's policy asks
    /// for 10 of 3 kinds; look-alike characters left out, since it is read aloud or copied by hand). Identity takes the
    /// password from the admin and asks the user for their own at the next sign-in, so it serves once.
    /// </summary>
    public static string NewOneTimePassword()
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString(Upper + Lower + Digits, 16);
            if (password.Any(Upper.Contains) && password.Any(Lower.Contains) && password.Any(Digits.Contains)) return password;
        }
    }
}

/// <summary>A member department as identity lists it (<c>kind</c> snake_case, the node's path).</summary>
public sealed record AdminDepartment(Guid Id, string Code, string Name, string Kind, string OrgPath, bool Retired);
