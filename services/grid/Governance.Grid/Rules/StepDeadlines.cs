using Governance.Grid.Incidents;
using Governance.Grid.WorkingTime;

namespace Governance.Grid.Rules;

/// <summary>
/// When a step that starts now is due, and when its yellow warning comes: the minutes of the rules
/// version in effect now for the incident's category × urgency × step (a day when none is set),
/// counted in the county's working time when the category says so, round the clock otherwise. The
/// incident keeps what this answers: a later change of rules or calendar never moves it.
/// </summary>
public sealed class StepDeadlines(RuleBook book, WorkingCalendars calendars)
{
    public sealed record Deadline(DateTime DueAt, DateTime WarnAt, int RulesVersion);

    public const int FallbackMinutes = 24 * 60;

    public async Task<Deadline> ForAsync(Incident incident, string step, DateTime now, double warnAtShare, CancellationToken ct)
    {
        var inEffect = await book.InEffectAsync(now, ct);
        var category = inEffect.Document.Category(incident.Category);
        var minutes = category?.Minutes(incident.Urgency, step) ?? FallbackMinutes;
        if (category?.CountsWorkingTime != true)
            return new Deadline(now.AddMinutes(minutes), now.AddMinutes(minutes * warnAtShare), inEffect.Version);
        var clock = await calendars.ForAsync(incident.OrgPath, now, ct);
        return new Deadline(clock.Add(now, minutes), clock.Add(now, minutes * warnAtShare), inEffect.Version);
    }
}
