using System.Runtime.CompilerServices;
using Governance.Population.Access;
using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Exports;

/// <summary>
/// The persons of an org as spreadsheet rows, masked as every response is (<see cref="PersonView.Masked"/>). Rows
/// are read in batches, and each batch's access-log rows (action <c>export</c>) are saved before its rows are
/// handed on: a person whose export could not be logged is never written to the sheet, and a failure stops the
/// export there. Only the person's own columns: nothing of households, care cases or any other feature.
/// </summary>
public sealed class PersonExport(PopulationDb db, RolePermissions permissions, PersonalDataCipher cipher, TimeProvider clock)
{
    /// <summary>Persons per batch: one query and one access-log insert per batch, and at most this many rows in memory.</summary>
    public const int BatchSize = 500;

    /// <summary>The column headers, in the order of <see cref="Row"/>; the Chinese names the import reads where it has them.</summary>
    public static readonly IReadOnlyList<string> Headers =
        ["编号", "姓名", "证件类型", "证件号码", "联系电话", "性别", "年龄", "居住状态", "居住证号码", "有效期起", "有效期止", "组织路径", "登记时间"];

    /// <summary>The caller's reach (population.read) within <paramref name="org"/> (<see cref="ExportReach"/>).</summary>
    public Task<(OrgPath Org, IReadOnlyList<OrgPath> Subtrees)> ReachAsync(Caller caller, string? org, CancellationToken ct) =>
        ExportReach.OfAsync(permissions, caller, org, ct);

    /// <summary>The rows, batch by batch, each batch logged (and saved) before its first row is yielded.</summary>
    public async IAsyncEnumerable<IDictionary<string, object?>> RowsAsync(PersonAccess.Reading reading, OrgPath within, IReadOnlyList<OrgPath> subtrees,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var today = PersonNames.Today(clock);
        string? lastOrg = null;
        var lastId = Guid.Empty;
        while (true)
        {
            var query = db.Persons.AsNoTracking().WithinAnySubtree(subtrees, p => p.OrgPath).WithinSubtree(p => p.OrgPath, within.Value);
            // Keyset paging by (org path, id): stable while persons are registered meanwhile, and no result held whole
            // (the retrying execution strategy buffers a query's results: one big query would hold every row).
            if (lastOrg is not null)
            {
                var (org, id) = (lastOrg, lastId);
                query = query.Where(p => string.Compare(p.OrgPath, org) > 0 || (p.OrgPath == org && p.Id > id));
            }
            var batch = await query.OrderBy(p => p.OrgPath).ThenBy(p => p.Id).Take(BatchSize).ToListAsync(ct);
            if (batch.Count == 0) yield break;
            foreach (var person in batch) db.LogPersonRead(reading, "export", person.Id, person.OrgPath, PersonFields.Masked, clock);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            foreach (var person in batch) yield return Row(PersonView.Masked(person, cipher, today));
            if (batch.Count < BatchSize) yield break;
            (lastOrg, lastId) = (batch[^1].OrgPath, batch[^1].Id);
        }
    }

    private static Dictionary<string, object?> Row(PersonView p)
    {
        var values = new object?[]
        {
            p.Id.ToString(), p.Name, p.DocumentType, p.DocumentNumber, p.Phone, p.Sex, p.Age, p.Residence.Status, p.Residence.PermitNumber,
            p.Residence.ValidFrom?.ToString("yyyy-MM-dd"), p.Residence.ValidUntil?.ToString("yyyy-MM-dd"), p.OrgPath,
            p.RegisteredAt.ToString("yyyy-MM-dd HH:mm:ss'Z'"),
        };
        var row = new Dictionary<string, object?>(Headers.Count);
        for (var i = 0; i < Headers.Count; i++) row[Headers[i]] = values[i];
        return row;
    }
}
