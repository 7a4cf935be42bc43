using System.Text.Json;
using Governance.Grid.Data;
using Governance.Grid.Incidents;
using Governance.Grid.Incidents.HandOver;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Open311;

/// <summary>
/// An incident as the public sees it through Open311: what was reported, where, its status and
/// who carries it. Never who reported it, nor staff's notes. A merged request shows the state of
/// the incident it was merged into.
/// </summary>
internal static class RequestViews
{
    // A merge chain longer than this is not followed further (each merge needs an open survivor, so chains stay short).
    private const int MaxMergeHops = 5;

    public static async Task<List<object?>> ViewAsync(GridDb db, IReadOnlyList<Incident> incidents, CancellationToken ct)
    {
        var survivors = await SurvivorsAsync(db, incidents, ct);
        var categories = await db.Categories.AsNoTracking().ToDictionaryAsync(c => c.Code, ct);
        var centres = survivors.Values.Select(s => s.ResponsibleOrgPath).Distinct().ToList();
        var centreNames = await db.OrgNodes.AsNoTracking().Where(o => centres.Contains(o.Path)).ToDictionaryAsync(o => o.Path, o => o.Name, ct);
        var ids = incidents.Select(i => i.Id).ToList();
        var mediation = await MediationNotes.ForAsync(db, survivors.Values.Where(s => s.State is IncidentState.HandedOver or IncidentState.Closed or IncidentState.Evaluated)
            .Select(s => s.Id).Distinct().ToList(), ct);
        var reports = await db.IncidentSteps.AsNoTracking().Where(s => ids.Contains(s.IncidentId) && s.Action == "report" && s.Attachments != null)
            .ToDictionaryAsync(s => s.IncidentId, s => s.Attachments!, ct);

        return incidents.Select(i =>
        {
            var carrier = survivors[i.Id];
            categories.TryGetValue(i.Category, out var category);
            return (object?)new O311Object([
                new("service_request_id", i.Number),
                new("status", RequestFilters.IsOpen(carrier.State) ? "open" : "closed"),
                new("status_description", IncidentLedger.Name(carrier.State)),
                new("status_notes", Notes(i, carrier, mediation.GetValueOrDefault(carrier.Id))),
                new("service_name", category?.Name),
                new("service_code", i.Category),
                // Disputes name neighbours and families: what they said stays with the centre.
                new("description", category?.IsDispute == true ? null : PublicText.Redact(i.Description)),
                new("agency_responsible", carrier.DepartmentId ?? centreNames.GetValueOrDefault(carrier.ResponsibleOrgPath, carrier.ResponsibleOrgPath)),
                new("service_notice", null),
                new("requested_datetime", i.ReportedAt),
                new("updated_datetime", carrier.UpdatedAt > i.UpdatedAt ? carrier.UpdatedAt : i.UpdatedAt),
                new("expected_datetime", null),
                new("address", i.Address),
                new("address_id", null),
                new("zipcode", null),
                new("lat", PublicText.Round(i.Latitude)),
                new("long", PublicText.Round(i.Longitude)),
                new("media_url", reports.TryGetValue(i.Id, out var attached) ? MediaUrl(attached) : null),
            ]);
        }).ToList();
    }

    /// <summary>Each incident's carrier: itself, or for a merged one the incident it finally merged into.</summary>
    private static async Task<Dictionary<Guid, Incident>> SurvivorsAsync(GridDb db, IReadOnlyList<Incident> incidents, CancellationToken ct)
    {
        var known = incidents.ToDictionary(i => i.Id);
        for (var hop = 0; hop < MaxMergeHops; hop++)
        {
            var missing = known.Values.Where(i => i.MergedInto is { } into && !known.ContainsKey(into)).Select(i => i.MergedInto!.Value).Distinct().ToList();
            if (missing.Count == 0) break;
            foreach (var found in await db.Incidents.AsNoTracking().Where(i => missing.Contains(i.Id)).ToListAsync(ct)) known[found.Id] = found;
        }
        return incidents.ToDictionary(i => i.Id, i =>
        {
            var carrier = i;
            for (var hop = 0; hop < MaxMergeHops && carrier.MergedInto is { } into && known.TryGetValue(into, out var next); hop++) carrier = next;
            return carrier;
        });
    }

    private static string? Notes(Incident request, Incident carrier, IReadOnlyList<MediationUpdate>? mediation) =>
        request.Id != carrier.Id ? $"merged into {carrier.Number}"
        : request.State switch
        {
            IncidentState.Rejected => "The centre did not take this report up.",
            IncidentState.HandedOver => MediationNotes.InMediation(mediation),
            IncidentState.Closed or IncidentState.Evaluated => MediationNotes.Ended(mediation),
            _ => null,
        };

    private static string? MediaUrl(string attachments) =>
        JsonSerializer.Deserialize<List<Attachment>>(attachments, JsonSerializerOptions.Web)?.FirstOrDefault(a => a.Name == "media")?.Url;
}
