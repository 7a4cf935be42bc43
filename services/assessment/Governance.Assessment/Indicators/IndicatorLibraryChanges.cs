using System.Text.RegularExpressions;
using Governance.Assessment.Access;
using Governance.Assessment.Data;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Governance.ServiceDefaults.Versioning;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Indicators;

/// <summary>
/// Changing the indicator library (<c>assessment.manage</c>): a whole new list, built on the latest version the caller
/// read. An indicator a letter names cannot be removed or given another measure (its scores would change under a signed
/// letter): 409 <c>IndicatorInUse</c>. Reads need <c>assessment.read</c>.
/// </summary>
public sealed partial class IndicatorLibraryChanges(IndicatorBook book, AssessmentDb db, RolePermissions permissions)
    : IDocumentChanges<IndicatorLibraryChanges.Change, IndicatorLibraryVersion>
{
    public sealed record Change(int? BaseVersion, DateTime? EffectiveFrom, string? Note, IReadOnlyList<IndicatorInput?>? Indicators);
    public sealed record IndicatorInput(string? Code, string? Name, string? Measure);

    public async Task<IndicatorLibraryVersion> ChangeAsync(Caller caller, Change change, CancellationToken ct)
    {
        await permissions.EnsureAnyRoleCarriesAsync(caller, AssessmentPermissions.Manage, ct);
        var library = Validate(change);
        var named = (await db.LetterVersions.AsNoTracking().Select(v => v.Items).ToListAsync(ct))
            .SelectMany(json => Letters.LetterVersion.ItemsOf(json)).Select(i => i.Indicator).ToHashSet(StringComparer.Ordinal);
        return await book.ChangeAsync(new DocumentChange(change.BaseVersion, change.EffectiveFrom, change.Note, caller.Subject), before =>
        {
            foreach (var old in before.Indicators.Where(i => named.Contains(i.Code)))
                if (library.Find(old.Code) is not { } now || now.Measure != old.Measure)
                    throw DomainException.RuleViolated("IndicatorInUse", $"A letter names the indicator {old.Code}: keep it, with its measure.");
            return library;
        }, inTransaction: null, ct);
    }

    private static IndicatorLibrary Validate(Change change)
    {
        if (change.Indicators is not { Count: > 0 and <= 200 } given) throw DomainException.Invalid("indicators", "Give the full list of indicators (1 to 200).");
        var list = new List<IndicatorDefinition>();
        for (var i = 0; i < given.Count; i++)
        {
            var f = $"indicators[{i}]";
            var x = given[i] ?? throw DomainException.Invalid(f, "An indicator is an object.");
            var code = x.Code?.Trim() ?? "";
            if (!CodeShape().IsMatch(code)) throw DomainException.Invalid($"{f}.code", "A code is 2 to 64 lower-case letters, digits and '_', starting with a letter.");
            if (list.Any(d => d.Code == code)) throw DomainException.Invalid($"{f}.code", $"The code {code} is given twice.");
            var name = x.Name?.Trim() ?? "";
            if (name.Length is < 1 or > 100) throw DomainException.Invalid($"{f}.name", "A name is 1 to 100 characters.");
            if (Measure.Find(x.Measure?.Trim()) is not { } measure)
                throw DomainException.Invalid($"{f}.measure", $"The measure is one of {string.Join(", ", Measure.All.Select(m => m.Key))}.");
            list.Add(new IndicatorDefinition(code, name, measure.Key));
        }
        return new IndicatorLibrary(list);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$")]
    private static partial Regex CodeShape();
}
