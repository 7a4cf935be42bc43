using Governance.Grid.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Incidents.HandOver;

/// <summary>
/// Open311's status notes for a dispute handed over to mediation, written from the codes mediation
/// reported (<see cref="MediationUpdate"/>) with fixed sentences: nobody's name, words or contact.
/// </summary>
internal static class MediationNotes
{
    public static async Task<Dictionary<Guid, List<MediationUpdate>>> ForAsync(GridDb db, IReadOnlyCollection<Guid> incidentIds, CancellationToken ct)
    {
        if (incidentIds.Count == 0) return [];
        var updates = await db.Set<MediationUpdate>().AsNoTracking().Where(u => incidentIds.Contains(u.IncidentId)).ToListAsync(ct);
        return updates.GroupBy(u => u.IncidentId).ToDictionary(g => g.Key, g => g.OrderBy(u => u.OccurredAt).ToList());
    }

    /// <summary>While mediation works on it: where, when known.</summary>
    public static string InMediation(IReadOnlyList<MediationUpdate>? updates) =>
        updates?.LastOrDefault(u => u.Kind is "registered" or "escalated") is { Detail: { } level }
            ? $"In people's mediation at the {level} level; this request stays open until mediation ends."
            : "Handed over to people's mediation; this request stays open until mediation ends.";

    /// <summary>How mediation ended, or null when it did not end this incident.</summary>
    public static string? Ended(IReadOnlyList<MediationUpdate>? updates)
    {
        var end = updates?.Where(u => u.Ends).OrderBy(u => u.ReceivedAt).FirstOrDefault();
        if (end is null) return null;
        return end.Kind switch
        {
            "follow_up" when updates!.Any(u => u.Kind == "settled") =>
                "Settled by people's mediation: the parties confirmed an agreement, and the case was closed after a follow-up visit.",
            "follow_up" when updates!.Any(u => u.Kind == "partially_settled") =>
                "Partly settled by people's mediation; the case was closed after a follow-up visit.",
            "follow_up" => "People's mediation closed the case after a follow-up visit.",
            "failed" => $"Mediation did not settle the dispute; the parties were referred to {Route(end.Detail)}.",
            "withdrawn" => "The applicant withdrew the dispute from mediation.",
            "declined" => $"The mediation committee declined the case{Reason(end.Detail)}.",
            _ => null,
        };
    }

    private static string Route(string? code) => code switch
    {
        "arbitration" => "arbitration",
        "litigation" => "a court",
        _ => "an administrative authority",
    };

    private static string Reason(string? code) => code switch
    {
        "party_refuses" => ": a party refused mediation",
        "before_court_or_arbitration" => ": a court or an arbitration body has taken it up",
        "not_a_civil_dispute" => ": it is not a civil dispute",
        "reserved_to_authorities" => ": the law assigns it to another authority",
        _ => "",
    };
}
