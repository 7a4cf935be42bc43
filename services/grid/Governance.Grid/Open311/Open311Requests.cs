using System.Globalization;
using Governance.Grid.Coordinates;
using Governance.Grid.Data;
using Governance.Grid.Incidents;
using Governance.Grid.Lookup;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Open311;

/// <summary><c>POST requests</c> (a citizen's report becomes an incident), <c>GET requests</c> and <c>GET requests/{id}</c>.</summary>
internal static class Open311Requests
{
    /// <summary>What the reporter is told about their data, in every POST answer and in the README.</summary>
    public const string PrivacyNotice =
        "Email, names and phone are not stored; only the app's account_id or device_id is kept, to tie this request to the app that sent it.";

    /// <summary>Only requests citizens posted are public: staff's, hotline and video reports are not published.</summary>
    public static IQueryable<Incident> Public(GridDb db) => db.Incidents.AsNoTracking().Where(i => i.Source == IncidentSource.Citizen);

    public static async Task<IResult> PostAsync(HttpContext http, GridDb db, GridLocator locator, IncidentWorkflow workflow, string format, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
            throw DomainException.Invalid("body", "POST requests takes an application/x-www-form-urlencoded body.");
        IFormCollection form;
        // ASP.NET refuses a NUL in a form value itself, before any field is named.
        try { form = await http.Request.ReadFormAsync(ct); }
        catch (InvalidDataException) { throw DomainException.Invalid("body", "The form holds a control character; send plain text (tabs and line breaks are fine)."); }
        string? Field(string name) => form[name] is { Count: > 0 } v && !string.IsNullOrWhiteSpace(v[0]) ? v[0]!.Trim() : null;
        foreach (var (name, values) in form)
            if (values.Any(v => v is not null && PublicText.HasControlCharacters(v)))
                throw DomainException.Invalid(name, $"{name} holds a control character; send plain text (tabs and line breaks are fine).");

        var client = await ApiKeys.FindClientAsync(db, Field("api_key"), ct)
            ?? throw DomainException.Forbidden(Field("api_key") is null ? "api_key is required to post a request." : "api_key is not valid or its client is disabled.");
        var category = await Open311Api.OfferedAsync(db, Field("service_code") ?? throw DomainException.Invalid("service_code", "service_code is required."), ct);
        foreach (var key in form.Keys.Where(k => k.StartsWith("attribute[", StringComparison.Ordinal)))
            if (ServiceAttributes.Of(category).All(a => $"attribute[{a.Code}]" != key))
                throw DomainException.Invalid(key, $"Service '{category.Code}' has no attribute '{key[10..^1]}' (see its definition).");

        var (lat, lng) = (Coordinate(Field("lat"), "lat"), Coordinate(Field("long"), "long"));
        if (lat is null || lng is null)
            throw DomainException.Invalid("lat", Field("address_string") is not null || Field("address_id") is not null
                ? "A location point (lat and long) is needed: reports are routed by point to their grid, and an address alone cannot be placed."
                : "lat and long are required: reports are routed by point to their grid.");
        if (lat is not (>= -90 and <= 90)) throw DomainException.Invalid("lat", "lat must be a latitude from -90 to 90.");
        if (lng is not (>= -180 and <= 180)) throw DomainException.Invalid("long", "long must be a longitude from -180 to 180.");
        var system = Field($"attribute[{ServiceAttributes.CoordinateSystemCode}]");
        var sent = SentPoint.Read(system, (lat.Value, lng.Value), $"attribute[{ServiceAttributes.CoordinateSystemCode}]");
        var (wgsLat, wgsLng) = sent.Wgs84;
        var grid = await locator.LocateCurrentAsync(db, wgsLat, wgsLng, ct)
            ?? throw DomainException.Invalid("lat", $"The point ({Text(lat)}, {Text(lng)}) lies outside every grid this platform serves.");
        if (!OrgPath.Parse(grid.OrgPath).IsWithin(OrgPath.Parse(client.Jurisdiction)))
            throw DomainException.Forbidden($"This api_key serves {client.Jurisdiction} only; the point lies in grid {grid.Code} outside it.");

        var media = Field("media_url");
        if (media is not null && (media.Length > 2000 || !Uri.TryCreate(media, UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")))
            throw DomainException.Invalid("media_url", "media_url must be an absolute http(s) URL of at most 2000 characters.");
        var description = Field("description");
        if (description is { Length: > 4000 }) throw DomainException.Invalid("description", "description must be at most 4000 characters.");
        var account = Reference(Field("account_id"), "account_id") ?? Reference(Field("device_id"), "device_id");

        var request = new ReportRequest("citizen", category.Code, null, Title(description, category.Name), description, lat, lng, Field("address_string"),
            media is null ? null : [new Attachment("media", null, null, media)], sent.SystemName);
        // The timeline names the app, never the citizen's account or device: staff see who carried the report in.
        var reported = await workflow.ReportFromCitizenAsync($"open311:{client.KeyId}", $"open311:{client.KeyId}{account}", request, ct);
        var notice = $"Received as {reported.Incident.Number}; follow it at {Open311Api.Base}/requests/{reported.Incident.Number}.{format}. {PrivacyNotice}";
        return Open311Results.Ok(format, new O311Document("service_requests", new O311List("request", [new O311Object([
            new("service_request_id", reported.Incident.Number), new("service_notice", notice), new("account_id", Field("account_id")),
        ])])), StatusCodes.Status201Created);
    }

    public static async Task<IResult> ListAsync(HttpContext http, GridDb db, TimeProvider clock, string format, CancellationToken ct)
    {
        var query = http.Request.Query;
        string? Param(string name) => string.IsNullOrWhiteSpace(query[name]) ? null : query[name].ToString().Trim();
        var found = Public(db);
        if (Param("service_request_id") is { } ids)
        {
            // The spec: a list of ids overrides every other filter.
            var numbers = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
            if (numbers.Count > 200) throw DomainException.Invalid("service_request_id", "At most 200 ids at once.");
            found = found.Where(i => numbers.Contains(i.Number));
        }
        else
        {
            var (from, to) = RequestFilters.Window(Param("start_date"), Param("end_date"), clock.GetUtcNow().UtcDateTime);
            found = found.Where(i => i.ReportedAt >= from && i.ReportedAt <= to);
            if (Param("service_code") is { } codes)
            {
                var wanted = codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                foreach (var code in wanted) await Open311Api.OfferedAsync(db, code, ct);
                found = found.Where(i => wanted.Contains(i.Category));
            }
            if (Param("status") is { } status) found = found.Where(RequestFilters.Status(status));
        }
        var incidents = await found.OrderByDescending(i => i.ReportedAt).Take(RequestFilters.MaxResults).ToListAsync(ct);
        return Open311Results.Ok(format, new O311Document("service_requests", new O311List("request", await RequestViews.ViewAsync(db, incidents, ct))));
    }

    public static async Task<IResult> GetAsync(GridDb db, string id, string format, CancellationToken ct)
    {
        var incident = await Public(db).FirstOrDefaultAsync(i => i.Number == id, ct)
            ?? throw DomainException.NotFound($"No service request {id}.");
        return Open311Results.Ok(format, new O311Document("service_requests", new O311List("request", await RequestViews.ViewAsync(db, [incident], ct))));
    }

    private static double? Coordinate(string? value, string field) =>
        value is null ? null
        : double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) ? d
        : throw DomainException.Invalid(field, $"{field} '{value}' is not a number (decimal degrees).");

    /// <summary>The app's own opaque reference to its user: kept so the app can be told what became of the report.</summary>
    private static string? Reference(string? value, string field) =>
        value is null ? null
        : value.Length <= 64 && !value.Contains(':') ? $":{field[..^3]}:{value}"
        : throw DomainException.Invalid(field, $"{field} must be at most 64 characters, without ':'.");

    // The loop's title: the description's opening words, or the service's name when there is none.
    private static string Title(string? description, string serviceName) =>
        description is null ? serviceName : description.Length <= 60 ? description : description[..60] + "…";

    private static string Text(double? d) => d!.Value.ToString(CultureInfo.InvariantCulture);
}
