namespace Governance.Console.Api;

/// <summary>
/// The administration pages' calls: identity's admin API (org tree, users and their posts, roles) and grid's rules as
/// data (categories with their deadlines, working-time calendars), with the signed-in admin's token. The services decide
/// who may do what; a refusal comes back as words (<see cref="ApiProblem"/>), with the fields a bad value names.
/// </summary>
public sealed class AdminApi(ServicesApi api)
{
    private static string E(string value) => Uri.EscapeDataString(value);

    /// <summary>The caller's own node (no parent) or a node's children.</summary>
    public Task<ApiResult<List<OrgNode>>> OrgChildrenAsync(string? parentPath) =>
        api.GetAsync<List<OrgNode>>(parentPath is null ? "/api/identity/org-nodes" : $"/api/identity/org-nodes?parent={E(parentPath)}");

    /// <summary>The users of a node's subtree, first page.</summary>
    public Task<ApiResult<AdminUserPage>> UsersAsync(string orgPath) =>
        api.GetAsync<AdminUserPage>($"/api/identity/users?orgPath={E(orgPath)}&pageSize=200");

    public Task<ApiResult<CreatedUser>> CreateUserAsync(string userName, string displayName, string orgPath, string password) =>
        api.PostAsync<CreatedUser>("/api/identity/users", new { userName, displayName, orgPath, roles = Array.Empty<string>(), password });

    public Task<ApiResult<PostGranted>> GrantPostAsync(Guid userId, string role, string orgPath, string? until) =>
        api.PostAsync<PostGranted>($"/api/identity/users/{userId}/posts", new { role, orgPath, until });

    public Task<ApiResult<AdminUser>> EndPostAsync(Guid userId, Guid postId) =>
        api.DeleteAsync<AdminUser>($"/api/identity/users/{userId}/posts/{postId}");

    public Task<ApiResult<List<AdminRole>>> RolesAsync() => api.GetAsync<List<AdminRole>>("/api/identity/roles");

    public Task<ApiResult<AdminRole>> ReplacePermissionsAsync(string role, IReadOnlyList<string> permissions) =>
        api.PutAsync<AdminRole>($"/api/identity/roles/{E(role)}/permissions", new { permissions });

    public Task<ApiResult<RulesView>> RulesAsync() => api.GetAsync<RulesView>("/api/grid/rules");

    /// <summary>A new rules version: the whole document built on <paramref name="baseVersion"/>, with why.</summary>
    public Task<ApiResult<RulesView>> ChangeRulesAsync(int baseVersion, string? note, GridRules rules) =>
        api.PutAsync<RulesView>("/api/grid/rules", new { baseVersion, note, categories = rules.Categories, escalationRules = rules.EscalationRules });

    public Task<ApiResult<CalendarView>> CalendarAsync(string scope, int year) =>
        api.GetAsync<CalendarView>($"/api/grid/calendars/{E(scope)}?year={year}");

    public Task<ApiResult<CalendarView>> ChangeHoursAsync(string scope, string periods, int utcOffsetMinutes, Guid? version) =>
        api.PutAsync<CalendarView>($"/api/grid/calendars/{E(scope)}", new { periods, utcOffsetMinutes, version });

    public Task<ApiResult<CalendarView>> ChangeYearAsync(string scope, int year, IReadOnlyList<CalendarDayView> days) =>
        api.PutAsync<CalendarView>($"/api/grid/calendars/{E(scope)}/years/{year}", new { days });
}
