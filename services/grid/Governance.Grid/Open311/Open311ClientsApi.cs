using Governance.Grid.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Open311;

/// <summary>Admins register the apps that may post Open311 requests, under <c>/api/grid/open311/clients</c>.</summary>
public static class Open311ClientsApi
{
    public sealed record CreateClientRequest(string? Name, string? Jurisdiction);
    public sealed record ClientView(string KeyId, string Name, string Jurisdiction, bool Enabled, DateTime CreatedAt);

    /// <summary>The only time the api_key is shown: it is not stored, only its hash.</summary>
    public sealed record CreatedClient(ClientView Client, string ApiKey);

    public const string Permission = "grid.manage";

    public static IEndpointRouteBuilder MapOpen311ClientsApi(this IEndpointRouteBuilder app)
    {
        var clients = app.MapGroup("/api/grid/open311/clients");
        clients.MapPost("", Create).ProducesRefusals(400, 409);
        clients.MapGet("", List);
        clients.MapPost("/{keyId}/disable", Disable).ProducesRefusals(400, 404, 409);
        return app;
    }

    private static async Task<Created<CreatedClient>> Create(HttpContext http, GridDb db, TimeProvider clock, CreateClientRequest request, CancellationToken ct)
    {
        var name = request.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100) throw DomainException.Invalid("name", "The name must be 1 to 100 characters.");
        // A client reports only into the subtree of the admin who made it: by default the admin's own org.
        var caller = http.Caller();
        var jurisdiction = string.IsNullOrEmpty(request.Jurisdiction)
            ? caller.OrgPath ?? throw DomainException.Invalid("jurisdiction", "Your token names no org: name the jurisdiction (an org path) the client serves.")
            : ParseJurisdiction(request.Jurisdiction);
        await http.EnsurePermittedAsync(Permission, jurisdiction);
        var (keyId, apiKey, hash) = ApiKeys.Create();
        var client = new Open311Client
        {
            KeyId = keyId, Name = name, KeyHash = hash, Jurisdiction = jurisdiction.Value, CreatedBy = caller.Subject, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(client);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/grid/open311/clients/{keyId}", new CreatedClient(View(client), apiKey));
    }

    /// <summary>The clients whose jurisdiction lies in the subtree of one of the caller's posts that manage them (no keys: they are not stored).</summary>
    private static async Task<Ok<List<ClientView>>> List(HttpContext http, GridDb db, CancellationToken ct)
    {
        var caller = http.Caller();
        if (caller.OrgPath is null && caller.Posts.Count == 0) return TypedResults.Ok(new List<ClientView>());
        var subtrees = await http.PermittedSubtreesAsync(Permission);
        var found = await db.Set<Open311Client>().AsNoTracking().WithinAnySubtree(subtrees, c => c.Jurisdiction)
            .OrderBy(c => c.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(found.Select(View).ToList());
    }

    /// <summary>Stops a key at once (a leaked key, an app withdrawn); its past requests stay.</summary>
    private static async Task<Ok<ClientView>> Disable(HttpContext http, GridDb db, string keyId, CancellationToken ct)
    {
        var client = await db.Set<Open311Client>().FirstOrDefaultAsync(c => c.KeyId == keyId, ct)
            ?? throw DomainException.NotFound($"No Open311 client {keyId}.");
        await http.EnsurePermittedAsync(Permission, OrgPath.Parse(client.Jurisdiction));
        client.Enabled = false;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(client));
    }

    private static OrgPath ParseJurisdiction(string value) =>
        OrgPath.TryParse(value, out var path) ? path
            : throw DomainException.Invalid("jurisdiction", $"The jurisdiction '{value}' is not an org path (digit codes separated by '/', e.g. 632801/001).");

    private static ClientView View(Open311Client c) => new(c.KeyId, c.Name, c.Jurisdiction, c.Enabled, c.CreatedAt);
}
