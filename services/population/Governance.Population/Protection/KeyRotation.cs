using System.Security.Cryptography;
using System.Text;
using Governance.Population.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Population.Protection;

/// <summary>
/// Moves values under a key that is no longer current to the current one, so that once the view
/// (<see cref="CountAsync"/>) shows a retired key holding nothing, the operator can remove it. Each column
/// of <see cref="KeyRotationColumns"/> is read in batches (keyset by its primary key, only values whose
/// prefix is not the current key's); each value is decrypted and encrypted again bound to the same
/// person, case or job and field, and written back in a batch's short transaction by compare-and-set
/// (<c>WHERE key AND column = old value</c>). So two replicas sweeping at once, or an edit landing between
/// the read and the write, never clash: the first write wins and the other leaves the row, which is under
/// the current key already. The write touches only the encrypted column: a person's
/// <see cref="Persons.Person.Version"/> (an editor's ETag) stays as it was. A value under a key no longer
/// configured is counted as unreadable and left as it is. No value is ever logged.
/// </summary>
internal sealed partial class KeyRotation(PopulationDb db, PersonalDataCipher cipher, KeyRotationStages stages, TimeProvider clock,
    IOptions<KeyRotationOptions> options, ILogger<KeyRotation> logger)
{
    /// <summary>What a sweep did to one column.</summary>
    public sealed record ColumnSweep(string Column, int Moved, int LeftEdited, int Unreadable, int Failed);

    public sealed record Sweep(string CurrentKey, int Moved, int LeftEdited, int Unreadable, int Failed, IReadOnlyList<ColumnSweep> Columns);

    /// <summary>How many values of one column one key holds; <paramref name="Readable"/> false for a key no longer configured.</summary>
    public sealed record KeyCount(string KeyId, long Count, bool Current, bool Readable);

    public sealed record ColumnKeys(string Column, IReadOnlyList<KeyCount> Keys);

    public sealed record KeysView(string CurrentKey, IReadOnlyList<string> ConfiguredKeys, IReadOnlyList<ColumnKeys> Columns);

    private sealed record StoredValue(Guid Id, Guid Owner, int Sequence, byte[] Value);

    private sealed record PrefixCount(byte[] Prefix, long Count);

    /// <summary>Per column, how many values each key id holds (read from each value's prefix; nothing is decrypted).</summary>
    public async Task<KeysView> CountAsync(CancellationToken ct)
    {
        var columns = new List<ColumnKeys>();
        foreach (var column in KeyRotationColumns.All)
        {
            var c = Quote(column.Value);
            // The prefix is the id's length (one byte) and the id: as many bytes as the first says, plus it.
            var prefix = db.Database.IsNpgsql() ? $"substring({c} from 1 for get_byte({c}, 0) + 1)" : $"substr({c}, 1, unicode(substr({c}, 1, 1)) + 1)";
            // Identifiers from KeyRotationColumns only; nothing from a request.
            var sql = $"SELECT {prefix} AS \"Prefix\", count(*) AS \"Count\" FROM {column.Table} WHERE {c} IS NOT NULL GROUP BY 1";
            var rows = await db.Database.SqlQueryRaw<PrefixCount>(sql).ToListAsync(ct);
            columns.Add(new ColumnKeys(column.Name, rows
                .GroupBy(r => r.Prefix.Length > 1 ? Encoding.ASCII.GetString(r.Prefix, 1, r.Prefix.Length - 1) : "")
                .Select(g => new KeyCount(g.Key, g.Sum(r => r.Count), g.Key == cipher.CurrentKeyId, cipher.Holds(g.Key)))
                .OrderBy(k => k.KeyId, StringComparer.Ordinal).ToList()));
        }
        return new KeysView(cipher.CurrentKeyId, cipher.KeyIds.Order(StringComparer.Ordinal).ToList(), columns);
    }

    /// <summary>One sweep over every column; recorded in <see cref="KeyRotationRun"/> when asked for by <paramref name="runBy"/> or when it moved anything.</summary>
    public async Task<Sweep> SweepAsync(string runBy, CancellationToken ct)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var columns = new List<ColumnSweep>();
        foreach (var column in KeyRotationColumns.All) columns.Add(await SweepColumnAsync(column, ct));
        var sweep = new Sweep(cipher.CurrentKeyId, columns.Sum(c => c.Moved), columns.Sum(c => c.LeftEdited), columns.Sum(c => c.Unreadable),
            columns.Sum(c => c.Failed), columns);
        if (runBy != KeyRotationRun.Scheduled || sweep.Moved > 0 || sweep.Failed > 0)
        {
            var detail = string.Join(';', columns.Where(c => c.Moved + c.LeftEdited + c.Unreadable + c.Failed > 0)
                .Select(c => $"{c.Column}={c.Moved}/{c.LeftEdited}/{c.Unreadable}/{c.Failed}"));
            db.Add(new KeyRotationRun
            {
                StartedAt = started, FinishedAt = clock.GetUtcNow().UtcDateTime, RunBy = runBy, CurrentKey = sweep.CurrentKey, Moved = sweep.Moved,
                LeftEdited = sweep.LeftEdited, Unreadable = sweep.Unreadable, Failed = sweep.Failed,
                Detail = detail.Length <= KeyRotationRun.MaxDetailLength ? detail : detail[..KeyRotationRun.MaxDetailLength],
            });
            await db.SaveChangesAsync(ct);
        }
        LogSwept(runBy, sweep.CurrentKey, sweep.Moved, sweep.LeftEdited, sweep.Unreadable, sweep.Failed);
        return sweep;
    }

    private async Task<ColumnSweep> SweepColumnAsync(KeyRotationColumns.Column column, CancellationToken ct)
    {
        var current = Prefix(cipher.CurrentKeyId);
        var batch = Math.Min(options.Value.BatchSize, column.MaxBatch);
        var c = Quote(column.Value);
        var key = column.Sequenced ? "\"JobId\"" : "\"Id\"";
        var after = column.Sequenced ? $"({key} > {{1}} OR ({key} = {{1}} AND \"Sequence\" > {{3}}))" : $"{key} > {{1}}";
        var select = $"SELECT {key} AS \"Id\", {column.Owner} AS \"Owner\", {(column.Sequenced ? "\"Sequence\"" : "0")} AS \"Sequence\", {c} AS \"Value\" " +
            $"FROM {column.Table} WHERE {c} IS NOT NULL AND substr({c}, 1, {current.Length}) <> {{0}} AND {after} " +
            $"ORDER BY {key}{(column.Sequenced ? ", \"Sequence\"" : "")} LIMIT {{2}}";
        var update = $"UPDATE {column.Table} SET {c} = {{0}} WHERE {key} = {{1}}{(column.Sequenced ? " AND \"Sequence\" = {3}" : "")} AND {c} = {{2}}";
        var (moved, left, unreadable, failed) = (0, 0, 0, 0);
        var (afterId, afterSequence) = (Guid.Empty, -1);
        while (true)
        {
            var rows = await db.Database.SqlQueryRaw<StoredValue>(select, current, afterId, batch, afterSequence).ToListAsync(ct);
            if (rows.Count == 0) break;
            (afterId, afterSequence) = (rows[^1].Id, rows[^1].Sequence);
            var rekeyed = new List<(StoredValue Row, byte[] Value)>();
            foreach (var row in rows)
            {
                string keyId;
                try
                {
                    keyId = PersonalDataCipher.KeyIdOf(row.Value);
                }
                catch (CryptographicException)
                {
                    failed++;
                    LogMalformed(column.Name, row.Id, row.Sequence);
                    continue;
                }
                if (!cipher.Holds(keyId))
                {
                    unreadable++;
                    continue;
                }
                try
                {
                    rekeyed.Add((row, cipher.Rekey(row.Value, column.Purpose(row.Owner, row.Sequence))));
                }
                catch (CryptographicException)
                {
                    // Altered, or bound to something else: left as it is for a person to look at.
                    failed++;
                    LogMalformed(column.Name, row.Id, row.Sequence);
                }
            }
            if (rekeyed.Count == 0) continue;
            await stages.BeforeWriteAsync(column.Name, ct);
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var (row, value) in rekeyed)
                {
                    if (await db.Database.ExecuteSqlRawAsync(update, [value, row.Id, row.Value, row.Sequence], ct) == 1) moved++;
                    else left++;
                }
                await transaction.CommitAsync(ct);
            }
        }
        return new ColumnSweep(column.Name, moved, left, unreadable, failed);
    }

    /// <summary>What every value under <paramref name="keyId"/> starts with.</summary>
    private static byte[] Prefix(string keyId) => [(byte)keyId.Length, .. Encoding.ASCII.GetBytes(keyId)];

    private static string Quote(string column) => $"\"{column}\"";

    [LoggerMessage(Level = LogLevel.Information, Message = "Key rotation sweep by {RunBy} under key {CurrentKey}: {Moved} moved, {Left} left (edited meanwhile), {Unreadable} under keys no longer configured, {Failed} failed")]
    private partial void LogSwept(string runBy, string currentKey, int moved, int left, int unreadable, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A value of {Column} in row {Id} (sequence {Sequence}) does not read under its key: altered or bound to something else; left as it is")]
    private partial void LogMalformed(string column, Guid id, int sequence);
}
