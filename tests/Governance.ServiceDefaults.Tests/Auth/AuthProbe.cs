using System.Net.Http.Headers;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Tests.Defaults;
using Governance.Testing.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.ServiceDefaults.Tests.Auth;

/// <summary>A <see cref="DefaultsHost"/> trusting a <see cref="TestIssuer"/>, with endpoints that show what auth let through.</summary>
public static class AuthProbe
{
    public static Task<DefaultsHost> StartAsync(TestIssuer issuer, TimeProvider? clock = null, IDictionary<string, string?>? settings = null) => DefaultsHost.StartAsync(
        configure: builder => { if (clock is not null) builder.Services.AddSingleton(clock); },
        map: Map,
        settings: settings is null ? issuer.Settings() : issuer.Settings().Concat(settings).ToDictionary());

    private static void Map(WebApplication app)
    {
        app.MapGet("/me", (HttpContext http) =>
        {
            var caller = http.Caller();
            return TypedResults.Ok(new
            {
                caller.Subject,
                Org = caller.OrgPath?.Value,
                Roles = caller.Roles.Order(),
                Scopes = caller.Scopes.Order(),
                caller.IsService,
            });
        });
        app.MapGet("/cases", (OrgPath org, HttpContext http) =>
        {
            http.Caller().EnsureMayActOn(org, "mediator", "centre-staff");
            return "ok";
        });
        app.MapGet("/mediation", () => "ok").RequireRoles("mediator", "centre-staff");
        // The shared check on a record at {org}, and the subtrees a list needing {permission} covers.
        app.MapGet("/permitted", async (string permission, OrgPath org, HttpContext http) =>
        {
            await http.EnsurePermittedAsync(permission, org);
            return "ok";
        });
        app.MapGet("/subtrees", async (string permission, HttpContext http) =>
            (await http.PermittedSubtreesAsync(permission)).Select(o => o.Value));
        app.MapGet("/posts", (HttpContext http) => http.Caller().Posts.Select(p => p.ToClaimValue()));
        app.MapGet("/grid/cells", () => "ok").RequireScope("grid.read");
    }

    public static async Task<(HttpResponseMessage Response, string Body)> GetAsync(this DefaultsHost host, string path, string? token)
    {
        using var client = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
