using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Identity.Clients;

/// <summary>The console's REST API for OAuth2 clients, under <c>/api/identity/clients</c>: for roles carrying <c>client.manage</c> (checked by <see cref="ClientAdmin"/>).</summary>
public static class ClientsApi
{
    public sealed record CreateRequest(string? ClientId, string? Name, string[]? GrantTypes, string[]? Scopes,
        string? OrgPath, string[]? Roles, bool Public, string[]? RedirectUris = null, string[]? PostLogoutRedirectUris = null);

    /// <summary>A client as the API shows it; <see cref="Secret"/> only in the answer that created or rotated it.</summary>
    public sealed record ClientDto(string ClientId, string Name, string[] GrantTypes, string[] Scopes, string? OrgPath,
        string[] Roles, bool Public, bool Enabled, string[] RedirectUris, string[] PostLogoutRedirectUris, string? Secret)
    {
        public static ClientDto From(ClientWithSecret c) => new(c.Client.ClientId, c.Client.Name, [.. c.Client.GrantTypeList],
            [.. c.Client.ScopeList], c.Client.OrgPath, [.. c.Client.RoleList], c.Client.IsPublic, c.Client.Enabled,
            Client.Split(c.Client.RedirectUris), Client.Split(c.Client.PostLogoutRedirectUris), c.Secret);
    }

    public static IEndpointRouteBuilder MapClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/identity/clients");
        clients.MapPost("", Create).ProducesRefusals(400, 409);
        clients.MapPost("/{clientId}/secret", RotateSecret).ProducesRefusals(400, 404, 409);
        return app;
    }

    private static async Task<Created<ClientDto>> Create(HttpContext http, ClientAdmin admin, CreateRequest request, CancellationToken ct)
    {
        var created = await admin.CreateAsync(http.Caller(), request.ClientId, request.Name, request.GrantTypes, request.Scopes,
            request.OrgPath, request.Roles, request.Public, ct, request.RedirectUris, request.PostLogoutRedirectUris);
        NoStore(http);
        return TypedResults.Created($"/api/identity/clients/{created.Client.ClientId}", ClientDto.From(created));
    }

    private static async Task<Ok<ClientDto>> RotateSecret(HttpContext http, ClientAdmin admin, string clientId, CancellationToken ct)
    {
        var rotated = await admin.RotateSecretAsync(http.Caller(), clientId, ct);
        NoStore(http);
        return TypedResults.Ok(ClientDto.From(rotated));
    }

    // The answer carries a secret: no cache anywhere may keep it.
    private static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";
}
