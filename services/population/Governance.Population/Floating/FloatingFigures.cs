using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Governance.Population.Floating;

/// <summary>
/// New citizens' figures for an org (population.read over it), per grid or community it holds: current residents
/// (open registrations), arrived and departed in a period, permits running out within the reminder days, and
/// permits expired, of those still here. Counts only: no person is in them, so they are not person reads.
/// </summary>
public sealed class FloatingFigures(PopulationDb db, RolePermissions permissions, IOptions<FloatingOptions> options, TimeProvider clock)
{
    public const int MaxPeriodDays = 366 * 5;

    /// <summary>A grid's 15-digit code (district 6 + street 3 + community 3 + grid 3) as the org path of that grid.</summary>
    public static string? OrgOfGridCode(string code) =>
        code.Length == 15 && code.All(char.IsAsciiDigit) ? $"{code[..6]}/{code[6..9]}/{code[9..12]}/{code[12..]}" : null;

    public async Task<FiguresView> ForAsync(Caller caller, string? org, DateOnly? from, DateOnly? to, CancellationToken ct, string orgField = "org")
    {
        if (!OrgPath.TryParse(org, out var within)) throw DomainException.Invalid(orgField, "Give the org (an org path: codes separated by '/').");
        if (from is not { } start) throw DomainException.Invalid("from", "Give the first day of the period (yyyy-MM-dd).");
        if (to is not { } end) throw DomainException.Invalid("to", "Give the last day of the period (yyyy-MM-dd).");
        if (end < start || end.DayNumber - start.DayNumber > MaxPeriodDays)
            throw DomainException.Invalid("to", $"The period ends on or after its first day, and spans at most {MaxPeriodDays} days.");
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Read, within, ct);
        var today = PersonNames.Today(clock);
        var horizon = today.AddDays(options.Value.ReminderDays);
        var rows = await db.Set<FloatingStay>().AsNoTracking().WithinSubtree(s => s.OrgPath, within.Value)
            .Join(db.Persons.AsNoTracking(), s => s.PersonId, p => p.Id, (s, p) => new { s.OrgPath, s.ArrivedOn, s.DepartedOn, p.PermitValidUntil })
            .GroupBy(x => x.OrgPath)
            .Select(g => new FiguresRow(g.Key,
                g.Count(x => x.DepartedOn == null),
                g.Count(x => x.ArrivedOn >= start && x.ArrivedOn <= end),
                g.Count(x => x.DepartedOn >= start && x.DepartedOn <= end),
                g.Count(x => x.DepartedOn == null && x.PermitValidUntil >= today && x.PermitValidUntil <= horizon),
                g.Count(x => x.DepartedOn == null && x.PermitValidUntil < today)))
            .ToListAsync(ct);
        rows = rows.OrderBy(r => r.OrgPath, StringComparer.Ordinal).ToList();
        var total = new FiguresRow(within.Value, rows.Sum(r => r.Current), rows.Sum(r => r.Arrived), rows.Sum(r => r.Departed),
            rows.Sum(r => r.ExpiringSoon), rows.Sum(r => r.Expired));
        return new FiguresView(within.Value, start, end, options.Value.ReminderDays, total, rows);
    }
}

/// <summary>The figures of one org (a grid or community, or the whole org asked for).</summary>
public sealed record FiguresRow(string OrgPath, int Current, int Arrived, int Departed, int ExpiringSoon, int Expired);

/// <summary>An org's figures for a period: its total and its grids or communities; <see cref="ExpiringWithinDays"/> is the reminder days.</summary>
public sealed record FiguresView(string OrgPath, DateOnly From, DateOnly To, int ExpiringWithinDays, FiguresRow Total, IReadOnlyList<FiguresRow> Rows);
