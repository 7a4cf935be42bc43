using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Imports;

/// <summary>
/// Validates every row of a person import with the registration's own checks (<see cref="PersonChecks"/>),
/// that the row's org lies within the import's, and that its document is in no other row and in no stored
/// person (by the keyed hash). Each row that passes is written, as the person to store, to <paramref name="checkedPersons"/>
/// (<see cref="CheckedPersons"/>), which the store reads once no row was rejected. Only the first <see cref="ImportOutcome.MaxReported"/> faults are kept for the report;
/// every rejected row is counted.
/// </summary>
public sealed class PersonImportCheck(PopulationDb db, LookupHash hashes, PersonalDataCipher cipher, TimeProvider clock)
{
    private const int Batch = 1000;
    // Each progress write is a commit: every few thousand rows keeps the bar moving without slowing the import.
    private const int ProgressEvery = 10_000;

    public async Task<ImportOutcome> CheckAsync(ImportRows rows, OrgPath importOrg, string registeredBy, SealedScratchFile checkedPersons,
        Func<int, Task> progress, CancellationToken ct)
    {
        var outcome = new ImportOutcome();
        var today = PersonNames.Today(clock);
        var now = clock.GetUtcNow();
        using var output = CheckedPersons.Writer(checkedPersons);
        // The first 16 bytes of the HMAC: a collision between two different documents is as likely as guessing a 128-bit key.
        var seen = new Dictionary<UInt128, int>();
        var pending = new List<(int Row, byte[] Hash)>(Batch);
        // The orgs a move took away, each looked up once (a file's rows share a few orgs).
        var moved = new Dictionary<string, DomainException>(StringComparer.Ordinal);
        foreach (var row in rows.Read())
        {
            ct.ThrowIfCancellationRequested();
            outcome.RowsTotal++;
            if (await CheckAsync(row, importOrg, today, outcome, moved, ct) is var (person, hash) && hash is not null)
            {
                if (seen.TryAdd(Key(hash), row.Number))
                {
                    pending.Add((row.Number, hash));
                    // Once a row is rejected nothing is stored: the persons need not be made any more.
                    if (outcome.RowsRejected == 0) CheckedPersons.Write(output, PersonChecks.NewPerson(person!, hash, cipher, now, registeredBy));
                }
                else outcome.Reject(row.Number, PersonColumns.DocumentNumber, SameDocumentAs(seen[Key(hash)]));
            }
            if (pending.Count == Batch) await CheckStoredAsync(pending, outcome, ct);
            if (outcome.RowsTotal % ProgressEvery == 0) await progress(outcome.RowsTotal);
        }
        await CheckStoredAsync(pending, outcome, ct);
        foreach (var fault in rows.HeaderFaults) outcome.Reject(1, fault.Column, fault.Reason);
        await progress(outcome.RowsTotal);
        return outcome;
    }

    private async Task<(PersonChecks.Checked? Person, byte[]? Hash)> CheckAsync(ImportRows.Row row, OrgPath importOrg, DateOnly today, ImportOutcome outcome,
        Dictionary<string, DomainException> moved, CancellationToken ct)
    {
        try
        {
            var person = PersonChecks.Check(PersonColumns.Read(row.Cells, importOrg.Value), today);
            if (!person.Org.IsWithin(importOrg))
            {
                outcome.Reject(row.Number, PersonColumns.OrgPath, OutsideImport(person.Org, importOrg));
                return (null, null);
            }
            if (!outcome.Orgs.Contains(person.Org.Value))
            {
                if (moved.TryGetValue(person.Org.Value, out var known)) throw known;
                try { await Org.PopulationOrgPaths.EnsureCurrentAsync(db, person.Org.Value, PersonColumns.OrgPath, ct); }
                catch (DomainException e) { moved[person.Org.Value] = e; throw; }
                outcome.Orgs.Add(person.Org.Value);
            }
            return (person, hashes.Of(person.Document));
        }
        catch (DomainException e)
        {
            outcome.Reject(row.Number, PersonColumns.OfField(e.Field), e.UserMessage);
            return (null, null);
        }
    }

    private async Task CheckStoredAsync(List<(int Row, byte[] Hash)> pending, ImportOutcome outcome, CancellationToken ct)
    {
        if (pending.Count == 0) return;
        var hashesOnly = pending.Select(p => p.Hash).ToList();
        var stored = db.Database.IsNpgsql()
            ? await db.Persons.Where(p => hashesOnly.Contains(p.DocumentHash)).Select(p => p.DocumentHash).ToListAsync(ct)
            : await StoredOneByOneAsync(hashesOnly, ct);
        var registered = stored.Select(Key).ToHashSet();
        foreach (var (row, hash) in pending.Where(p => registered.Contains(Key(p.Hash))))
            outcome.Reject(row, PersonColumns.DocumentNumber, PersonChecks.AlreadyRegistered().UserMessage);
        pending.Clear();
    }

    // SQLite (the standalone host) has no array parameter to compare a list of bytea against.
    private async Task<List<byte[]>> StoredOneByOneAsync(List<byte[]> candidates, CancellationToken ct)
    {
        var stored = new List<byte[]>();
        foreach (var hash in candidates)
            if (await db.Persons.AnyAsync(p => p.DocumentHash == hash, ct)) stored.Add(hash);
        return stored;
    }

    private static DomainMessage SameDocumentAs(int row) => $"The same document is in row {row}.";
    private static DomainMessage OutsideImport(OrgPath org, OrgPath importOrg) => $"The org {org} is outside the import's org {importOrg}.";

    private static UInt128 Key(byte[] hash) => System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(hash);
}
