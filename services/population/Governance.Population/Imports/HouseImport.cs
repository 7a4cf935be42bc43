using Governance.Contracts.Population;
using Governance.Messaging.Outbox;
using Governance.Population.Data;
using Governance.Population.Houses;
using Governance.Population.Org;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Imports;

/// <summary>
/// A houses import: every row checked with registration's own checks (<see cref="HouseChecks"/>), its org within
/// the import's and current, its parent found by the path of codes (an earlier row, or a house stored), its level
/// allowed in that parent, and its code free at its place (in the file and in the database). The checked rows are
/// the houses to store, held in memory (a house is small; a county's rooms fit), and stored in one transaction
/// with their <see cref="HouseRegistered"/> events; the unique indexes still decide against a house registered by
/// hand meanwhile, which fails the whole import.
/// </summary>
public sealed class HouseImport(PopulationDb db, TimeProvider clock)
{
    private const int Batch = 1000;

    /// <summary>A house of the file or the database, by its org and path of codes.</summary>
    private sealed record Placed(Guid Id, string Kind, string OrgPath, bool Stored);

    public sealed record Plan(ImportOutcome Outcome, IReadOnlyList<House> Houses);

    public async Task<Plan> CheckAsync(ImportRows rows, OrgPath importOrg, string registeredBy, Func<int, Task> progress, CancellationToken ct)
    {
        var outcome = new ImportOutcome();
        var houses = new List<House>();
        var placed = new Dictionary<string, Placed>(StringComparer.Ordinal);
        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var rejected = new Dictionary<string, int>(StringComparer.Ordinal);
        var currentOrgs = new Dictionary<string, DomainException?>(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var row in rows.Read())
        {
            ct.ThrowIfCancellationRequested();
            outcome.RowsTotal++;
            string? key = null;
            try
            {
                var house = HouseChecks.Check(HouseColumns.Read(row.Cells));
                var orgText = HouseColumns.Org(row.Cells) ?? importOrg.Value;
                if (!OrgPath.TryParse(orgText, out var org))
                    throw DomainException.Invalid(HouseColumns.OrgPath, "Give the org path of the grid or community the house lies in (codes separated by '/').");
                if (!org.IsWithin(importOrg)) throw DomainException.Invalid(HouseColumns.OrgPath, OutsideImport(org, importOrg));
                if (!currentOrgs.TryGetValue(org.Value, out var moved))
                {
                    try { await PopulationOrgPaths.EnsureCurrentAsync(db, org.Value, HouseColumns.OrgPath, ct); }
                    catch (DomainException e) { moved = e; }
                    currentOrgs[org.Value] = moved;
                }
                if (moved is not null) throw moved;
                var path = HouseColumns.ParentPath(row.Cells);
                key = Key(org.Value, [.. path, house.Code]);
                if (rowOf.TryGetValue(key, out var earlier)) throw DomainException.Invalid(HouseColumns.Code, SameCodeAs(house.Code, earlier));
                rowOf[key] = row.Number;
                Placed? parent = null;
                if (path.Count > 0)
                {
                    var parentKey = Key(org.Value, path);
                    if (rejected.TryGetValue(parentKey, out var parentRow)) throw DomainException.Invalid(HouseColumns.Parent, ParentRejected(parentRow));
                    parent = await FindAsync(placed, org.Value, path, ct)
                        ?? throw DomainException.Invalid(HouseColumns.Parent, NoParent(string.Join('/', path), org));
                }
                HouseChecks.CheckPlace(house.Kind, parent?.Kind);
                var taken = parent is null
                    ? await db.Houses.AnyAsync(h => h.ParentId == null && h.OrgPath == org.Value && h.Code == house.Code, ct)
                    : parent.Stored && await db.Houses.AnyAsync(h => h.ParentId == parent.Id && h.Code == house.Code, ct);
                if (taken) throw HouseChecks.CodeTaken(house.Code);
                var id = Guid.CreateVersion7(now);
                houses.Add(new House
                {
                    Id = id, Kind = house.Kind, Code = house.Code, Name = house.Name, ParentId = parent?.Id, OrgPath = parent?.OrgPath ?? org.Value,
                    Address = house.Address, Use = house.Use, Occupancy = house.Occupancy, RegisteredAt = now.UtcDateTime, RegisteredBy = registeredBy,
                });
                placed[key] = new Placed(id, house.Kind, parent?.OrgPath ?? org.Value, Stored: false);
            }
            catch (DomainException e)
            {
                // The one refusal without a field is the code taken at its place (a 409 over REST).
                outcome.Reject(row.Number, e.Kind == DomainErrorKind.Duplicate ? HouseColumns.Code : HouseColumns.OfField(e.Field), e.UserMessage);
                if (key is not null && rowOf.GetValueOrDefault(key) == row.Number) rejected.TryAdd(key, row.Number);
            }
            if (outcome.RowsTotal % Batch == 0) await progress(outcome.RowsTotal);
        }
        foreach (var fault in rows.HeaderFaults) outcome.Reject(1, fault.Column, fault.Reason);
        await progress(outcome.RowsTotal);
        return new Plan(outcome, outcome.RowsRejected > 0 ? [] : houses);
    }

    /// <summary>The house at <paramref name="path"/> in <paramref name="org"/>: of the file, else stored (walked down from the top, each step remembered).</summary>
    private async Task<Placed?> FindAsync(Dictionary<string, Placed> placed, string org, IReadOnlyList<string> path, CancellationToken ct)
    {
        Placed? at = null;
        for (var depth = 1; depth <= path.Count; depth++)
        {
            var key = Key(org, path.Take(depth));
            if (placed.TryGetValue(key, out var known))
            {
                at = known;
                continue;
            }
            if (at is { Stored: false }) return null;
            var code = path[depth - 1];
            var parentId = at?.Id;
            var level = parentId is null ? db.Houses.Where(h => h.ParentId == null && h.OrgPath == org) : db.Houses.Where(h => h.ParentId == parentId);
            var stored = await level.AsNoTracking().Where(h => h.Code == code)
                .Select(h => new { h.Id, h.Kind, h.OrgPath }).FirstOrDefaultAsync(ct);
            if (stored is null) return null;
            at = placed[key] = new Placed(stored.Id, stored.Kind, stored.OrgPath, Stored: true);
        }
        return at;
    }

    /// <summary>Adds the planned houses and their events inside the caller's transaction, in batches.</summary>
    public async Task<int> StoreAsync(IReadOnlyList<House> houses, Func<int, Task> progress, CancellationToken ct)
    {
        for (var i = 0; i < houses.Count; i++)
        {
            var house = houses[i];
            db.Houses.Add(house);
            db.AddToOutbox(new HouseRegistered(house.Id, house.Kind, house.Code, house.ParentId, null, house.OrgPath, house.RegisteredAt), house.Id.ToString());
            if ((i + 1) % Batch == 0 || i == houses.Count - 1)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                await progress(i + 1);
            }
        }
        return houses.Count;
    }

    private static string Key(string org, IEnumerable<string> codes) => org + "|" + string.Join('/', codes);

    private static DomainMessage OutsideImport(OrgPath org, OrgPath importOrg) => $"The org {org} is outside the import's org {importOrg}.";
    private static DomainMessage NoParent(string path, OrgPath org) => $"No house {path} in {org}, stored or in an earlier row.";
    private static DomainMessage ParentRejected(int row) => $"The parent is in row {row}, which is rejected.";
    private static DomainMessage SameCodeAs(string code, int row) => $"The code '{code}' is in row {row} already at that place.";
}
