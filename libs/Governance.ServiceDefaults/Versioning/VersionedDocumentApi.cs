using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Governance.ServiceDefaults.Versioning;

/// <summary>
/// The REST API of a document a centre manages as data (<see cref="VersionedDocuments{TVersion, TDocument}"/>), the
/// same in every service that has one: under its route, <c>GET</c> the version in effect (or at <c>?at=</c>),
/// <c>GET /versions</c> every version newest first with who, when and why, <c>GET /versions/{version}</c> one version's
/// document, each needing the read permission; and <c>PUT</c> a whole new document built on <c>baseVersion</c>
/// (201 with the new version and its <c>Location</c>; 400 naming the field, 403, 409 <c>RulesChangedMeanwhile</c>).
/// Who may change it, its validation, and what commits with it are the service's (<see cref="IDocumentChanges{TChange, TVersion}"/>).
/// </summary>
public static class VersionedDocumentApi
{
    /// <summary>
    /// Maps the API under <paramref name="route"/> (e.g. <c>/api/mediation/rules</c>) and answers its group, for a
    /// service's own extra endpoints beside it.
    /// </summary>
    /// <typeparam name="TBook">The service's <see cref="VersionedDocuments{TVersion, TDocument}"/> (scoped).</typeparam>
    /// <typeparam name="TChanges">The service's changes (scoped).</typeparam>
    /// <typeparam name="TVersion">The version entity.</typeparam>
    /// <typeparam name="TDocument">The document.</typeparam>
    /// <typeparam name="TChange">The <c>PUT</c> body.</typeparam>
    /// <param name="app">Where to map (the service's API group).</param>
    /// <param name="route">The route of the document.</param>
    /// <param name="readPermission">The permission a read needs, in any of the caller's roles (a document of rules holds no personal data and no org).</param>
    public static RouteGroupBuilder MapVersionedDocumentApi<TBook, TChanges, TVersion, TDocument, TChange>(this IEndpointRouteBuilder app, string route, string readPermission)
        where TBook : VersionedDocuments<TVersion, TDocument>
        where TChanges : IDocumentChanges<TChange, TVersion>
        where TVersion : DocumentVersion, new()
        where TDocument : class
    {
        var handlers = new Handlers<TBook, TChanges, TVersion, TDocument, TChange>(route, readPermission);
        // The handlers are held as Delegate so that ASP.NET's route-handler analyzer does not look at them: it throws on a
        // parameter of a generic type (dotnet/aspnetcore#56831, fixed in .NET 11), which fails a build with warnings as
        // errors. The request delegate factory binds them at run time as it binds any handler.
        Delegate inEffect = handlers.InEffect, change = handlers.Change, versions = handlers.Versions, oneVersion = handlers.Version;
        var group = app.MapGroup(route);
        group.MapGet("", inEffect).ProducesRefusals(403);
        group.MapPut("", change).ProducesRefusals(400, 403, 409);
        group.MapGet("/versions", versions).ProducesRefusals(403);
        group.MapGet("/versions/{version:int}", oneVersion).ProducesRefusals(403, 404);
        return group;
    }

    private sealed class Handlers<TBook, TChanges, TVersion, TDocument, TChange>(string route, string readPermission)
        where TBook : VersionedDocuments<TVersion, TDocument>
        where TChanges : IDocumentChanges<TChange, TVersion>
        where TVersion : DocumentVersion, new()
        where TDocument : class
    {
        public async Task<Ok<DocumentView<TDocument>>> InEffect(HttpContext http, RolePermissions permissions, TBook book, TimeProvider clock, DateTime? at, CancellationToken ct)
        {
            await permissions.EnsureAnyRoleCarriesAsync(http.Caller(), readPermission, ct);
            var inEffect = await book.InEffectAsync(at?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime, ct);
            return TypedResults.Ok(View(await book.HeaderAsync(inEffect.Version, ct), inEffect.Document));
        }

        public async Task<Ok<DocumentView<TDocument>>> Version(HttpContext http, RolePermissions permissions, TBook book, int version, CancellationToken ct)
        {
            await permissions.EnsureAnyRoleCarriesAsync(http.Caller(), readPermission, ct);
            var v = await book.VersionAsync(version, ct);
            return TypedResults.Ok(View(await book.HeaderAsync(version, ct), v.Document));
        }

        public async Task<Ok<List<DocumentVersionView>>> Versions(HttpContext http, RolePermissions permissions, TBook book, CancellationToken ct)
        {
            await permissions.EnsureAnyRoleCarriesAsync(http.Caller(), readPermission, ct);
            return TypedResults.Ok(await book.Versions.OrderByDescending(v => v.Version)
                .Select(v => new DocumentVersionView(v.Version, v.EffectiveFrom, v.CreatedAt, v.CreatedBy, v.Note, v.Summary)).ToListAsync(ct));
        }

        public async Task<Created<DocumentView<TDocument>>> Change(HttpContext http, TChanges changes, TBook book, TChange request, CancellationToken ct)
        {
            var v = await changes.ChangeAsync(http.Caller(), request, ct);
            return TypedResults.Created($"{route}/versions/{v.Version}", View(v, book.DocumentOf(v)));
        }

        private static DocumentView<TDocument> View(TVersion version, TDocument document) => new(DocumentVersionView.Of(version), document);
    }
}
