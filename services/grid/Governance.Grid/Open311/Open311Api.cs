using Governance.Grid.Data;
using Governance.Grid.Incidents;
using Governance.Grid.Incidents.Categories;
using Governance.ServiceDefaults.Limits;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Grid.Open311;

/// <summary>
/// Open311 GeoReport v2 under <c>/open311/v2/</c>: citizens' apps list the services (the categories
/// offered to citizens), post requests (with an api_key) that become incidents, and follow them.
/// Reading needs no key; everything is rate-limited per caller as a public endpoint.
/// </summary>
public static class Open311Api
{
    public const string Base = "/open311/v2";

    public static IEndpointRouteBuilder MapOpen311Api(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup(Base).AllowAnonymous().RequireRateLimiting(LimitsExtensions.PublicPolicy).AddEndpointFilter(Open311Results.Filter);
        v2.MapGet("/discovery.{format}", Discovery);
        v2.MapGet("/services.{format}", Services);
        v2.MapGet("/services/{code}.{format}", Definition);
        v2.MapPost("/requests.{format}", Open311Requests.PostAsync);
        v2.MapGet("/requests.{format}", Open311Requests.ListAsync);
        v2.MapGet("/requests/{id}.{format}", Open311Requests.GetAsync);
        v2.MapGet("/tokens/{token}.{format}", Token);
        return app;
    }

    private static IResult Discovery(HttpContext http, IOptions<Open311Options> options, string format)
    {
        var o = options.Value;
        var endpoint = new O311Object([
            new("specification", "http://wiki.open311.org/GeoReport_v2"),
            new("url", $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}{Base}"),
            new("changeset", o.Changeset),
            new("type", "production"),
            new("formats", new O311List("format", ["text/xml", "application/json"])),
        ]);
        return Open311Results.Ok(format, new O311Document("discovery", new O311Object([
            new("changeset", o.Changeset), new("contact", o.Contact), new("key_service", o.KeyService),
            new("endpoints", new O311List("endpoint", [endpoint])),
        ])));
    }

    private static async Task<IResult> Services(GridDb db, string format, CancellationToken ct)
    {
        var offered = await db.Categories.AsNoTracking().Where(c => c.OfferedToCitizens).OrderBy(c => c.Code).ToListAsync(ct);
        return Open311Results.Ok(format, new O311Document("services", new O311List("service", offered.Select(Service).ToList<object?>())));
    }

    private static async Task<IResult> Definition(GridDb db, string code, string format, CancellationToken ct)
    {
        var category = await OfferedAsync(db, code, ct);
        var attributes = ServiceAttributes.Of(category).Select(a => a.ToObject()).ToList<object?>();
        return Open311Results.Ok(format, new O311Document("service_definition", new O311Object([
            new("service_code", category.Code), new("attributes", new O311List("attribute", attributes)),
        ])));
    }

    /// <summary>
    /// Requests are answered at once with their id, so no token is ever pending: a token is the
    /// request's own id, and looking one up answers the id it stands for (clients written for
    /// servers that queue requests keep working).
    /// </summary>
    private static async Task<IResult> Token(GridDb db, string token, string format, CancellationToken ct)
    {
        var known = await Open311Requests.Public(db).AnyAsync(i => i.Number == token, ct);
        if (!known) throw DomainException.NotFound($"No token {token}: this endpoint answers every request with its service_request_id at once.");
        return Open311Results.Ok(format, new O311Document("service_requests", new O311List("request", [
            new O311Object([new("service_request_id", token), new("token", token)]),
        ])));
    }

    internal static async Task<Category> OfferedAsync(GridDb db, string? code, CancellationToken ct) =>
        await db.Categories.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code && c.OfferedToCitizens, ct)
            ?? throw DomainException.NotFound($"No service '{code}': GET {Base}/services lists the services offered.");

    private static O311Object Service(Category c) => new([
        new("service_code", c.Code),
        new("service_name", c.Name),
        new("description", c.Name),
        new("metadata", ServiceAttributes.Of(c).Count > 0),
        new("type", "realtime"),
        new("keywords", c.Code.Replace('_', ' ')),
        new("group", c.OwningDepartmentKind),
    ]);
}
