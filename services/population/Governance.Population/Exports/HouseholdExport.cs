using System.Runtime.CompilerServices;
using Governance.Population.Access;
using Governance.Population.Data;
using Governance.Population.Households;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Exports;

/// <summary>
/// The households of an org as spreadsheet rows: number, kind, house, org, the head's name and the count of current
/// members. The head's name is a person's data: each head shown is an access-log row (action <c>export</c>, field
/// <c>name</c>), saved per batch before the batch's rows are handed on, as in <see cref="PersonExport"/>.
/// </summary>
public sealed class HouseholdExport(PopulationDb db, TimeProvider clock)
{
    public const int BatchSize = 500;

    public static readonly IReadOnlyList<string> Headers = ["户号", "类型", "房屋编号", "组织路径", "户主姓名", "在册人数", "登记时间"];

    public async IAsyncEnumerable<IDictionary<string, object?>> RowsAsync(PersonAccess.Reading reading, OrgPath within, IReadOnlyList<OrgPath> subtrees,
        [EnumeratorCancellation] CancellationToken ct)
    {
        string? lastOrg = null;
        var lastId = Guid.Empty;
        while (true)
        {
            var query = db.Households.AsNoTracking().WithinAnySubtree(subtrees, h => h.OrgPath).WithinSubtree(h => h.OrgPath, within.Value);
            if (lastOrg is not null)
            {
                var (org, id) = (lastOrg, lastId);
                query = query.Where(h => string.Compare(h.OrgPath, org) > 0 || (h.OrgPath == org && h.Id > id));
            }
            var batch = await query.OrderBy(h => h.OrgPath).ThenBy(h => h.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) yield break;
            var ids = batch.Select(h => h.Id).ToList();
            var members = await db.HouseholdMembers.AsNoTracking().Where(m => ids.Contains(m.HouseholdId) && m.LeftOn == null)
                .Select(m => new { m.HouseholdId, m.PersonId, m.Relation }).ToListAsync(ct);
            var headIds = members.Where(m => m.Relation == HouseholdNames.Head).Select(m => m.PersonId).ToList();
            var heads = await db.Persons.AsNoTracking().Where(p => headIds.Contains(p.Id)).Select(p => new { p.Id, p.Name, p.OrgPath }).ToDictionaryAsync(p => p.Id, ct);
            foreach (var head in heads.Values) db.LogPersonRead(reading, "export", head.Id, head.OrgPath, "name", clock);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            foreach (var household in batch)
            {
                var own = members.Where(m => m.HouseholdId == household.Id).ToList();
                var head = own.FirstOrDefault(m => m.Relation == HouseholdNames.Head) is { } h && heads.TryGetValue(h.PersonId, out var p) ? p.Name : null;
                yield return new Dictionary<string, object?>
                {
                    [Headers[0]] = household.Number, [Headers[1]] = household.Kind, [Headers[2]] = household.HouseId.ToString(),
                    [Headers[3]] = household.OrgPath, [Headers[4]] = head, [Headers[5]] = own.Count,
                    [Headers[6]] = household.RegisteredAt.ToString("yyyy-MM-dd HH:mm:ss'Z'"),
                };
            }
            if (batch.Count < BatchSize) yield break;
            (lastOrg, lastId) = (batch[^1].OrgPath, batch[^1].Id);
        }
    }
}
