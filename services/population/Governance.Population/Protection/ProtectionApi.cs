using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Population.Protection;

/// <summary>
/// The operator's view of the encryption keys under <c>/api/population/protection</c>: <c>GET keys</c>, per encrypted
/// column how many values each key id holds (a retired key holding nothing anywhere can be removed from the
/// configuration; one counted as not readable was removed too early), and <c>POST re-encrypt</c>, a sweep now
/// (<see cref="KeyRotation"/>), answering what it moved and recorded in <c>key_rotation_runs</c>. Both need
/// <see cref="PopulationPermissions.KeysManage"/> on any post: the keys protect every record of every org alike, so
/// org scope does not apply. Neither shows or logs a value: counts and key ids only.
/// </summary>
public static class ProtectionApi
{
    public static IEndpointRouteBuilder MapProtectionApi(this IEndpointRouteBuilder app)
    {
        var protection = app.MapGroup("/api/population/protection");
        protection.MapGet("/keys", Keys).ProducesRefusals(403);
        protection.MapPost("/re-encrypt", ReEncrypt).ProducesRefusals(403);
        return app;
    }

    private static async Task<Ok<KeyRotation.KeysView>> Keys(HttpContext http, RolePermissions permissions, KeyRotation rotation, CancellationToken ct)
    {
        await EnsureAsync(http.Caller(), permissions, ct);
        return TypedResults.Ok(await rotation.CountAsync(ct));
    }

    private static async Task<Ok<KeyRotation.Sweep>> ReEncrypt(HttpContext http, RolePermissions permissions, KeyRotation rotation, CancellationToken ct)
    {
        var caller = http.Caller();
        await EnsureAsync(caller, permissions, ct);
        return TypedResults.Ok(await rotation.SweepAsync(caller.Subject, ct));
    }

    private static async Task EnsureAsync(Caller caller, RolePermissions permissions, CancellationToken ct)
    {
        if (!await permissions.PermitsAsync(caller.Roles, PopulationPermissions.KeysManage, ct))
            throw DomainException.Forbidden($"This needs the permission '{PopulationPermissions.KeysManage}', which none of your roles carries.");
    }
}
