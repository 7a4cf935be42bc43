using Governance.Population.Data;
using Governance.Population.Documents;
using Governance.Population.Households;
using Governance.Population.Moves;
using Governance.Population.Org;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Imports;

/// <summary>
/// A households import, one membership per row: every row held to registration's checks (<see cref="HouseholdChecks"/>),
/// its house found by the path of codes in an org within the import's and current, and a dwelling
/// (<see cref="PopulationReach.CheckDwellingAsync"/>); its member found by the document's keyed hash (never
/// decrypted), registered within the import's org and in no open household. Across the file: the rows of a household
/// (same org and number) share kind and house, it has exactly one head, a person is in one row, and a number already
/// registered in that org is refused (an import registers new households; it never adds to one). The planned
/// households and memberships are held in memory (as <see cref="HouseImport"/> holds its houses) and stored in one
/// transaction; the partial unique indexes still decide against a registration by hand meanwhile, which fails the job.
/// Households have no events.
/// </summary>
public sealed class HouseholdImport(PopulationDb db, LookupHash hashes, TimeProvider clock)
{
    private const int Batch = 1000;

    /// <summary>A household of the file: its first row, and the row of its head once seen.</summary>
    private sealed class Planned(Household household, int firstRow)
    {
        public Household Household { get; } = household;
        public int FirstRow { get; } = firstRow;
        public int? HeadRow { get; set; }
    }

    /// <summary>A row whose member is still to be found (looked up a batch at a time).</summary>
    private sealed record Pending(int Row, byte[] Hash, Guid HouseholdId, string Relation, DateOnly JoinedOn);

    public sealed record Plan(ImportOutcome Outcome, IReadOnlyList<Household> Households, IReadOnlyList<HouseholdMember> Members);

    public async Task<Plan> CheckAsync(ImportRows rows, OrgPath importOrg, string registeredBy, Func<int, Task> progress, CancellationToken ct)
    {
        var outcome = new ImportOutcome();
        var households = new Dictionary<string, Planned>(StringComparer.Ordinal);
        var members = new List<HouseholdMember>();
        var dwellings = new Dictionary<string, (Guid Id, string OrgPath)?>(StringComparer.Ordinal);
        var dwellingFaults = new Dictionary<string, DomainException>(StringComparer.Ordinal);
        var currentOrgs = new Dictionary<string, DomainException?>(StringComparer.Ordinal);
        var seen = new Dictionary<UInt128, int>();
        var pending = new List<Pending>(Batch);
        var now = clock.GetUtcNow();
        var today = PersonNames.Today(clock);
        foreach (var row in rows.Read())
        {
            ct.ThrowIfCancellationRequested();
            outcome.RowsTotal++;
            try
            {
                var cells = row.Cells;
                var number = HouseholdChecks.Number(HouseholdColumns.NumberOf(cells), HouseholdColumns.Number);
                var kind = HouseholdChecks.Kind(HouseholdColumns.KindOf(cells), HouseholdColumns.Kind);
                var relation = HouseholdChecks.Relation(HouseholdColumns.RelationOf(cells), HouseholdColumns.Relation);
                var joined = HouseholdChecks.Date(HouseholdColumns.JoinedOnOf(cells), today, HouseholdColumns.JoinedOn);
                var type = DocumentTypes.Parse(HouseholdColumns.DocumentTypeOf(cells))
                    ?? throw DomainException.Invalid(HouseholdColumns.DocumentType,
                        $"The document type '{HouseholdColumns.DocumentTypeOf(cells)}' is not one of {string.Join(", ", DocumentTypes.All)}.");
                var document = IdentityDocument.Parse(type, HouseholdColumns.DocumentNumberOf(cells), today, HouseholdColumns.DocumentNumber);

                var orgText = HouseholdColumns.Org(cells) ?? importOrg.Value;
                if (!OrgPath.TryParse(orgText, out var org))
                    throw DomainException.Invalid(HouseholdColumns.OrgPath, "Give the org path of the grid or community the house lies in (codes separated by '/').");
                if (!org.IsWithin(importOrg)) throw DomainException.Invalid(HouseholdColumns.OrgPath, OutsideImport(org, importOrg));
                if (!currentOrgs.TryGetValue(org.Value, out var moved))
                {
                    try { await PopulationOrgPaths.EnsureCurrentAsync(db, org.Value, HouseholdColumns.OrgPath, ct); }
                    catch (DomainException e) { moved = e; }
                    currentOrgs[org.Value] = moved;
                }
                if (moved is not null) throw moved;

                var path = HouseholdColumns.HousePath(cells);
                if (path.Count == 0) throw DomainException.Invalid(HouseholdColumns.House, GiveHouse());
                var houseKey = Key(org.Value, path);
                if (dwellingFaults.TryGetValue(houseKey, out var fault)) throw fault;
                (Guid Id, string OrgPath)? house;
                try { house = await DwellingAsync(dwellings, org.Value, path, ct); }
                catch (DomainException e)
                {
                    dwellingFaults[houseKey] = e;
                    throw;
                }
                if (house is null) throw DomainException.Invalid(HouseholdColumns.House, NoHouse(string.Join('/', path), org));

                var householdKey = house.Value.OrgPath + "|" + number;
                if (households.TryGetValue(householdKey, out var planned))
                {
                    if (planned.Household.Kind != kind)
                        throw DomainException.Invalid(HouseholdColumns.Kind, KindOfRow(number, planned.Household.Kind, planned.FirstRow));
                    if (planned.Household.HouseId != house.Value.Id)
                        throw DomainException.Invalid(HouseholdColumns.House, HouseOfRow(number, planned.FirstRow));
                }
                else
                {
                    var stored = house.Value.OrgPath;
                    if (await db.Households.AnyAsync(h => h.OrgPath == stored && h.Number == number, ct)) throw HouseholdChecks.NumberTaken(number);
                    planned = households[householdKey] = new Planned(new Household
                    {
                        Id = Guid.CreateVersion7(now), Number = number, Kind = kind, HouseId = house.Value.Id, OrgPath = house.Value.OrgPath,
                        RegisteredAt = now.UtcDateTime, RegisteredBy = registeredBy,
                    }, row.Number);
                }
                if (relation == HouseholdNames.Head)
                {
                    if (planned.HeadRow is { } headRow) throw DomainException.Invalid(HouseholdColumns.Relation, HeadInRow(number, headRow));
                    planned.HeadRow = row.Number;
                }
                var hash = hashes.Of(document);
                if (!seen.TryAdd(KeyOf(hash), row.Number))
                    throw DomainException.Invalid(HouseholdColumns.DocumentNumber, SamePersonAs(seen[KeyOf(hash)]));
                pending.Add(new Pending(row.Number, hash, planned.Household.Id, relation, joined));
            }
            catch (DomainException e)
            {
                // The one refusal without a field is the number taken in its org (a 409 over REST).
                outcome.Reject(row.Number, e.Kind == DomainErrorKind.Duplicate ? HouseholdColumns.Number : HouseholdColumns.OfField(e.Field), e.UserMessage);
            }
            if (pending.Count == Batch) await FindMembersAsync(pending, importOrg, registeredBy, members, outcome, ct);
            if (outcome.RowsTotal % Batch == 0) await progress(outcome.RowsTotal);
        }
        await FindMembersAsync(pending, importOrg, registeredBy, members, outcome, ct);
        foreach (var planned in households.Values.Where(p => p.HeadRow is null))
            outcome.Reject(planned.FirstRow, HouseholdColumns.Relation, NoHead(planned.Household.Number));
        foreach (var fault in rows.HeaderFaults) outcome.Reject(1, fault.Column, fault.Reason);
        await progress(outcome.RowsTotal);
        return outcome.RowsRejected > 0 ? new Plan(outcome, [], []) : new Plan(outcome, [.. households.Values.Select(p => p.Household)], members);
    }

    /// <summary>
    /// The dwelling at <paramref name="path"/> in <paramref name="org"/> (stored houses, walked down from the top, each
    /// step remembered), null when there is none; a house that is no dwelling throws, naming the house column.
    /// </summary>
    private async Task<(Guid Id, string OrgPath)?> DwellingAsync(Dictionary<string, (Guid Id, string OrgPath)?> known, string org,
        IReadOnlyList<string> path, CancellationToken ct)
    {
        var key = Key(org, path);
        if (known.TryGetValue(key, out var found)) return found;
        Guid? parentId = null;
        var kind = "";
        var orgPath = org;
        foreach (var code in path)
        {
            var level = parentId is null ? db.Houses.Where(h => h.ParentId == null && h.OrgPath == org) : db.Houses.Where(h => h.ParentId == parentId);
            var stored = await level.AsNoTracking().Where(h => h.Code == code).Select(h => new { h.Id, h.Kind, h.OrgPath }).FirstOrDefaultAsync(ct);
            if (stored is null)
            {
                known[key] = null;
                return null;
            }
            (parentId, kind, orgPath) = (stored.Id, stored.Kind, stored.OrgPath);
        }
        await PopulationReach.CheckDwellingAsync(db, parentId!.Value, kind, path[^1], HouseholdColumns.House, ct);
        return known[key] = (parentId.Value, orgPath);
    }

    /// <summary>Finds the pending rows' members by their documents' hashes: registered within the import's org, in no open household.</summary>
    private async Task FindMembersAsync(List<Pending> pending, OrgPath importOrg, string registeredBy, List<HouseholdMember> members, ImportOutcome outcome,
        CancellationToken ct)
    {
        if (pending.Count == 0) return;
        var candidates = pending.Select(p => p.Hash).ToList();
        var persons = new Dictionary<UInt128, (Guid Id, string OrgPath)>();
        if (db.Database.IsNpgsql())
        {
            foreach (var p in await db.Persons.AsNoTracking().Where(p => candidates.Contains(p.DocumentHash)).Select(p => new { p.Id, p.DocumentHash, p.OrgPath }).ToListAsync(ct))
                persons[KeyOf(p.DocumentHash)] = (p.Id, p.OrgPath);
        }
        else
        {
            // SQLite (the standalone host) has no array parameter to compare a list of bytea against.
            foreach (var hash in candidates)
                if (await db.Persons.AsNoTracking().Where(p => p.DocumentHash == hash).Select(p => new { p.Id, p.OrgPath }).FirstOrDefaultAsync(ct) is { } p)
                    persons[KeyOf(hash)] = (p.Id, p.OrgPath);
        }
        var ids = persons.Values.Select(p => p.Id).ToList();
        var inHousehold = (await db.HouseholdMembers.AsNoTracking().Where(m => ids.Contains(m.PersonId) && m.LeftOn == null)
            .Select(m => m.PersonId).ToListAsync(ct)).ToHashSet();
        var now = clock.GetUtcNow();
        foreach (var row in pending)
        {
            if (!persons.TryGetValue(KeyOf(row.Hash), out var person) || !OrgPath.Parse(person.OrgPath).IsWithin(importOrg))
                outcome.Reject(row.Row, HouseholdColumns.DocumentNumber, NotRegistered(importOrg));
            else if (inHousehold.Contains(person.Id))
                outcome.Reject(row.Row, HouseholdColumns.DocumentNumber, HouseholdChecks.InAnotherHousehold().UserMessage);
            else if (outcome.RowsRejected == 0)
                members.Add(new HouseholdMember
                {
                    Id = Guid.CreateVersion7(now), HouseholdId = row.HouseholdId, PersonId = person.Id, Relation = row.Relation, JoinedOn = row.JoinedOn,
                    RecordedAt = now.UtcDateTime, RecordedBy = registeredBy,
                });
        }
        pending.Clear();
    }

    /// <summary>Adds the planned households, then their memberships, inside the caller's transaction, in batches; progress counts memberships (rows).</summary>
    public async Task<int> StoreAsync(Plan plan, Func<int, Task> progress, CancellationToken ct)
    {
        for (var i = 0; i < plan.Households.Count; i += Batch)
        {
            db.Households.AddRange(plan.Households.Skip(i).Take(Batch));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        for (var i = 0; i < plan.Members.Count; i += Batch)
        {
            db.HouseholdMembers.AddRange(plan.Members.Skip(i).Take(Batch));
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await progress(Math.Min(i + Batch, plan.Members.Count));
        }
        return plan.Members.Count;
    }

    private static string Key(string org, IEnumerable<string> codes) => org + "|" + string.Join('/', codes);

    private static UInt128 KeyOf(byte[] hash) => System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);

    private static DomainMessage OutsideImport(OrgPath org, OrgPath importOrg) => $"The org {org} is outside the import's org {importOrg}.";
    private static DomainMessage GiveHouse() => "Give the house by its path of codes from the top-level house down (e.g. 01/3/1/0502).";
    private static DomainMessage NoHouse(string path, OrgPath org) => $"No house {path} is registered in {org}.";
    private static DomainMessage KindOfRow(string number, string kind, int row) => $"Household {number} is a {kind} household in row {row}.";
    private static DomainMessage HouseOfRow(string number, int row) => $"Household {number} lives in another house in row {row}.";
    private static DomainMessage HeadInRow(string number, int row) => $"Household {number} has its head in row {row} already.";
    private static DomainMessage NoHead(string number) => $"Household {number} has no head: one of its rows has the relation head.";
    private static DomainMessage SamePersonAs(int row) => $"The same person is in row {row}.";
    private static DomainMessage NotRegistered(OrgPath importOrg) => $"No person with this document is registered within {importOrg}.";
}
