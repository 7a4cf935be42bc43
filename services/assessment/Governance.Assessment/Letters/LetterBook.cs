using Governance.Assessment.Access;
using Governance.Assessment.Data;
using Governance.Assessment.Departments;
using Governance.Assessment.Indicators;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Assessment.Letters;

/// <summary>
/// Responsibility letters: made for a department and year (<c>assessment.score</c> reaching the department's org node),
/// drafted, signed, and after signing changed only by a new version. Every refusal names its field or rule.
/// </summary>
public sealed class LetterBook(AssessmentDb db, DepartmentAccess access, RolePermissions permissions, IndicatorBook indicators, TimeProvider clock)
{
    public sealed record ItemInput(string? Indicator, decimal? Weight, string? Rule, decimal? Floor, decimal? Target, decimal? PerCase);
    public sealed record CreateRequest(string? DepartmentId, int? Year, string? Note, IReadOnlyList<ItemInput?>? Items);
    public sealed record DraftRequest(string? Note, IReadOnlyList<ItemInput?>? Items);
    public sealed record NewVersionRequest(int? BaseVersion, string? Note, IReadOnlyList<ItemInput?>? Items);

    public sealed record LetterVersionView(int Version, IReadOnlyList<LetterItem> Items, string Note, DateTime CreatedAt, string CreatedBy,
        DateTime? SignedAt, string? SignedBy);

    /// <param name="InForce">The latest signed version: the one scorecards apply; null while none is signed.</param>
    public sealed record LetterView(Guid Id, string DepartmentId, string DepartmentName, int Year, string OrgPath, int? InForce,
        IReadOnlyList<LetterVersionView> Versions);

    public const int MaxItems = 50;

    public async Task<LetterView> CreateAsync(Caller caller, CreateRequest request, CancellationToken ct)
    {
        var department = await access.DepartmentAsync(request.DepartmentId, "departmentId", ct);
        if (request.Year is not { } year || year is < 2000 or > 2100) throw DomainException.Invalid("year", "The year is 2000 to 2100.");
        await permissions.EnsurePermittedAsync(caller, AssessmentPermissions.Score, DepartmentAccess.OrgPathOf(department), ct);
        var items = await ValidateAsync(request.Items, ct);
        var note = Note(request.Note);
        if (await db.Letters.AnyAsync(l => l.DepartmentId == department.DepartmentId && l.Year == year, ct))
            throw DomainException.Duplicate($"Department {department.DepartmentId} already has a letter for {year}: change it or make a new version.");
        var now = clock.GetUtcNow().UtcDateTime;
        var letter = new Letter
        {
            Id = Guid.CreateVersion7(), DepartmentId = department.DepartmentId, Year = year, OrgPath = department.OrgPath, CreatedAt = now, CreatedBy = caller.Subject,
        };
        db.Letters.Add(letter);
        db.LetterVersions.Add(new LetterVersion
        {
            LetterId = letter.Id, Version = 1, Items = LetterVersion.ToJson(items), Note = note, CreatedAt = now, CreatedBy = caller.Subject, ChangedAt = now,
        });
        await db.SaveOrConflictAsync(() => DomainException.Duplicate($"Department {department.DepartmentId} already has a letter for {year}: change it or make a new version."), ct: ct);
        return await ViewAsync(letter.Id, ct);
    }

    /// <summary>Replaces a draft's items; a signed version refuses (409 <c>SignedLetterVersionIsFinal</c>, naming <c>items</c>).</summary>
    public async Task<LetterView> ChangeDraftAsync(Caller caller, Guid id, int version, DraftRequest request, CancellationToken ct)
    {
        var letter = await ForChangeAsync(caller, id, ct);
        var draft = await db.LetterVersions.FirstOrDefaultAsync(v => v.LetterId == letter.Id && v.Version == version, ct)
            ?? throw DomainException.NotFound($"The letter has no version {version}.");
        if (draft.SignedAt is not null)
            throw new DomainException(DomainErrorKind.RuleViolated, $"Version {version} of the letter is signed and never changes: make a new version.",
                field: "items", rule: "SignedLetterVersionIsFinal");
        var items = await ValidateAsync(request.Items, ct);
        (draft.Items, draft.Note, draft.ChangedAt) = (LetterVersion.ToJson(items), Note(request.Note), clock.GetUtcNow().UtcDateTime);
        draft.Revision++;
        await db.SaveOrConflictAsync(Meanwhile, ct: ct);
        return await ViewAsync(letter.Id, ct);
    }

    /// <summary>A new draft after the signed latest version (409 while a draft is open, or when <c>baseVersion</c> is not the latest).</summary>
    public async Task<LetterView> NewVersionAsync(Caller caller, Guid id, NewVersionRequest request, CancellationToken ct)
    {
        var letter = await ForChangeAsync(caller, id, ct);
        if (request.BaseVersion is not { } baseVersion) throw DomainException.Invalid("baseVersion", "Name the version your change is built on (the latest one you read).");
        var latest = await db.LetterVersions.Where(v => v.LetterId == letter.Id).OrderByDescending(v => v.Version).FirstAsync(ct);
        if (latest.Version != baseVersion)
            throw new DomainException(DomainErrorKind.RuleViolated, $"Your change is built on version {baseVersion}, but version {latest.Version} is the latest: read it and make your change again.",
                field: "baseVersion", rule: "LetterChangedMeanwhile");
        if (latest.SignedAt is null)
            throw new DomainException(DomainErrorKind.RuleViolated, $"Version {latest.Version} is still a draft: change it instead of making another.",
                field: "baseVersion", rule: "LetterDraftOpen");
        var items = await ValidateAsync(request.Items, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.LetterVersions.Add(new LetterVersion
        {
            LetterId = letter.Id, Version = latest.Version + 1, Items = LetterVersion.ToJson(items), Note = Note(request.Note), CreatedAt = now,
            CreatedBy = caller.Subject, ChangedAt = now,
        });
        await db.SaveOrConflictAsync(Meanwhile, ct: ct);
        return await ViewAsync(letter.Id, ct);
    }

    /// <summary>Signs a draft: who and when; from then on it is final and in force.</summary>
    public async Task<LetterView> SignAsync(Caller caller, Guid id, int version, CancellationToken ct)
    {
        var letter = await ForChangeAsync(caller, id, ct);
        var draft = await db.LetterVersions.FirstOrDefaultAsync(v => v.LetterId == letter.Id && v.Version == version, ct)
            ?? throw DomainException.NotFound($"The letter has no version {version}.");
        if (draft.SignedAt is not null)
            throw new DomainException(DomainErrorKind.RuleViolated, $"Version {version} of the letter is signed already.", field: "version", rule: "SignedLetterVersionIsFinal");
        (draft.SignedAt, draft.SignedBy) = (clock.GetUtcNow().UtcDateTime, caller.Subject);
        draft.Revision++;
        await db.SaveOrConflictAsync(Meanwhile, ct: ct);
        return await ViewAsync(letter.Id, ct);
    }

    public async Task<LetterView> ReadAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var letter = await db.Letters.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw NoSuchLetter();
        var department = await access.DepartmentAsync(letter.DepartmentId, "id", ct);
        await access.EnsureMayReadAsync(caller, department, ct);
        return await ViewAsync(id, ct);
    }

    /// <summary>The letters of <paramref name="year"/> within the subtrees the caller's <c>assessment.read</c> posts reach.</summary>
    public async Task<IReadOnlyList<LetterView>> ListAsync(Caller caller, int year, CancellationToken ct)
    {
        var subtrees = await permissions.PermittedSubtreesAsync(caller, AssessmentPermissions.Read, ct);
        var ids = await db.Letters.AsNoTracking().Where(l => l.Year == year).WithinAnySubtree(subtrees, l => l.OrgPath)
            .OrderBy(l => l.DepartmentId).Select(l => l.Id).ToListAsync(ct);
        var views = new List<LetterView>(ids.Count);
        foreach (var id in ids) views.Add(await ViewAsync(id, ct));
        return views;
    }

    /// <summary>The latest signed version of <paramref name="department"/>'s letter for <paramref name="year"/>, if any.</summary>
    public async Task<(Letter Letter, LetterVersion Version)?> InForceAsync(string department, int year, CancellationToken ct)
    {
        var letter = await db.Letters.AsNoTracking().FirstOrDefaultAsync(l => l.DepartmentId == department && l.Year == year, ct);
        if (letter is null) return null;
        var signed = await db.LetterVersions.AsNoTracking().Where(v => v.LetterId == letter.Id && v.SignedAt != null)
            .OrderByDescending(v => v.Version).FirstOrDefaultAsync(ct);
        return signed is null ? null : (letter, signed);
    }

    private async Task<Letter> ForChangeAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var letter = await db.Letters.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw NoSuchLetter();
        if (!OrgPath.TryParse(letter.OrgPath, out var org)) throw NoSuchLetter();
        await permissions.EnsurePermittedAsync(caller, AssessmentPermissions.Score, org, ct);
        return letter;
    }

    private async Task<LetterView> ViewAsync(Guid id, CancellationToken ct)
    {
        var letter = await db.Letters.AsNoTracking().FirstAsync(l => l.Id == id, ct);
        var name = await db.Departments.AsNoTracking().Where(d => d.DepartmentId == letter.DepartmentId).Select(d => d.Name).FirstOrDefaultAsync(ct) ?? "";
        var versions = await db.LetterVersions.AsNoTracking().Where(v => v.LetterId == id).OrderBy(v => v.Version).ToListAsync(ct);
        return new LetterView(letter.Id, letter.DepartmentId, name, letter.Year, letter.OrgPath,
            versions.Where(v => v.SignedAt != null).Select(v => (int?)v.Version).LastOrDefault(),
            [.. versions.Select(v => new LetterVersionView(v.Version, v.ItemList(), v.Note, v.CreatedAt, v.CreatedBy, v.SignedAt, v.SignedBy))]);
    }

    /// <summary>The items, checked against the indicator library in effect; each fault a 400 naming <c>items[i].field</c>.</summary>
    private async Task<IReadOnlyList<LetterItem>> ValidateAsync(IReadOnlyList<ItemInput?>? given, CancellationToken ct)
    {
        if (given is not { Count: > 0 and <= MaxItems }) throw DomainException.Invalid("items", $"Give the letter's items (1 to {MaxItems}).");
        var library = (await indicators.InEffectAsync(clock.GetUtcNow().UtcDateTime, ct)).Document;
        var items = new List<LetterItem>(given.Count);
        for (var i = 0; i < given.Count; i++)
        {
            var f = $"items[{i}]";
            var item = given[i] ?? throw DomainException.Invalid(f, "An item is an object.");
            var indicator = library.Find(item.Indicator?.Trim()) ?? throw DomainException.Invalid($"{f}.indicator", $"'{item.Indicator}' is not an indicator of the library.");
            if (items.Any(x => x.Indicator == indicator.Code)) throw DomainException.Invalid($"{f}.indicator", $"The indicator {indicator.Code} is given twice.");
            var measure = Measure.Find(indicator.Measure)!;
            if (item.Weight is not { } weight || weight is <= 0 or > 100) throw DomainException.Invalid($"{f}.weight", "The weight is more than 0 and at most 100 points.");
            var rule = item.Rule?.Trim().ToLowerInvariant();
            if (!ScoringRules.All.Contains(rule)) throw DomainException.Invalid($"{f}.rule", $"The rule is one of {string.Join(", ", ScoringRules.All)}.");
            decimal? floor = null, target = null, perCase = null;
            switch (rule)
            {
                case ScoringRules.Linear:
                    floor = Bound(item.Floor, $"{f}.floor", measure);
                    target = Bound(item.Target, $"{f}.target", measure);
                    if (floor == target) throw DomainException.Invalid($"{f}.target", "The target and the floor differ (a floor above the target means lower is better).");
                    break;
                case ScoringRules.Threshold:
                    target = Bound(item.Target, $"{f}.target", measure);
                    break;
                default:
                    if (item.PerCase is not { } per || per is <= 0 or > 100) throw DomainException.Invalid($"{f}.perCase", "Points per case are more than 0 and at most 100.");
                    perCase = per;
                    break;
            }
            items.Add(new LetterItem(indicator.Code, weight, rule!, floor, target, perCase));
        }
        if (items.Where(i => i.Rule != ScoringRules.Bonus).Sum(i => i.Weight) > 100)
            throw DomainException.Invalid("items", "The weights (bonuses aside) add up to at most 100 points.");
        return items;
    }

    private static decimal Bound(decimal? value, string field, Measure measure)
    {
        if (value is not { } v) throw DomainException.Invalid(field, "Give this rule's floor and target.");
        if (measure.Kind == Measure.Rate && v is < 0 or > 1) throw DomainException.Invalid(field, "A rate's floor and target are between 0 and 1 (0.95 for 95%).");
        if (measure.Kind != Measure.Rate && v is < 0 or > 1_000_000) throw DomainException.Invalid(field, "A count's floor and target are 0 to 1000000.");
        return v;
    }

    private static string Note(string? note)
    {
        var trimmed = note?.Trim() ?? "";
        if (trimmed.Length > 2000) throw DomainException.Invalid("note", "The note is at most 2000 characters.");
        return trimmed;
    }

    private static DomainException Meanwhile() =>
        DomainException.RuleViolated("LetterChangedMeanwhile", "The letter changed while you were changing it: read it and make your change again.");

    private static DomainException NoSuchLetter() => DomainException.NotFound("No such letter.");
}
