using System.Data;
using Governance.Population.Access;
using Governance.Population.Data;
using Governance.Population.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Governance.Population.Persons;

/// <summary>
/// A masked look-up on PostgreSQL as one statement: the persons holding one of the document hashes within the
/// caller's subtrees, and their access-log rows (or the miss's row) inserted by the same statement, so the read and
/// its log commit together in one round trip. The look-up is the hot path of the service (aim: p99 under 5 ms at a
/// million persons) and every one of them commits its log row to disk before it answers; as two round trips
/// (EF's SELECT, then SaveChanges' INSERT) it spent as long again above its commit as the commit itself.
/// A plain command on EF's connection, read by hand (<see cref="Read"/>): through <c>FromSqlRaw</c> EF compiled a
/// delegate on every execution (a profile under load showed <c>DynamicMethod.CreateDelegate</c> at 2.5 % of the
/// service's CPU although every query was a cache hit). <see cref="Columns"/> is checked against EF's model by a test,
/// so a new property of <see cref="Person"/> cannot be left out silently.
/// SQLite (the standalone host) cannot insert inside a WITH, and keeps <see cref="PersonAccess"/>'s general path.
/// </summary>
internal static class LookupInOneStatement
{
    /// <summary>The columns read, in the order <see cref="Read"/> reads them.</summary>
    public static readonly string[] Columns =
    [
        "Id", "Name", "DocumentType", "DocumentNumber", "DocumentHash", "Phone", "BirthDate", "Sex", "ResidenceStatus", "PermitNumber",
        "PermitValidFrom", "PermitValidUntil", "OrgPath", "HouseId", "RegisteredAt", "RegisteredBy", "Version",
    ];

    // Subtree as WithinSubtree means it: the node itself or anything below it ('/'-separated codes, no wildcards).
    // Positional parameters, in the order FindAndLogAsync adds them: $1 hashes, $2 subtrees, $3 reader, $4 client,
    // $5 at, $6 fields, $7 purpose, $8 note, $9 channel, $10 missOrg. With names (@x) Npgsql parsed and rewrote the
    // text on every call (SqlQueryParser in the profile); positional, it sends the text as it is.
    private static readonly string Sql = $"""
        WITH permitted AS (
            SELECT p.* FROM persons p
            WHERE p."DocumentHash" = ANY($1)
              AND EXISTS (SELECT 1 FROM unnest($2) AS s(path) WHERE p."OrgPath" = s.path OR p."OrgPath" LIKE s.path || '/%')
        ), logged AS (
            INSERT INTO person_reads ("PersonId", "OrgPath", "Reader", "ReaderClient", "At", "Action", "Fields", "Purpose", "PurposeNote", "Channel")
            SELECT "Id", "OrgPath", $3, $4, $5, 'lookup', $6, $7, $8, $9 FROM permitted
            UNION ALL
            SELECT NULL, $10, $3, $4, $5, 'lookup_miss', '', $7, $8, $9
            WHERE NOT EXISTS (SELECT 1 FROM permitted)
        )
        SELECT {string.Join(", ", Columns.Select(c => $"\"{c}\""))} FROM permitted
        """;

    // A type test, not Database.IsNpgsql(): that reads the provider's name from its assembly's metadata on every call.
    public static bool Applies(PopulationDb db) => db.Database.GetDbConnection() is NpgsqlConnection;

    /// <param name="read">The log row's fields shared by every row written: reader, client, at, purpose, note, channel.</param>
    /// <param name="fields">The fields shown for a found person.</param>
    /// <param name="missOrg">The org path written on the miss's row: the reach searched.</param>
    public static async Task<List<Person>> FindAndLogAsync(PopulationDb db, byte[][] hashes, string[] subtrees,
        PersonRead read, string fields, string missOrg, CancellationToken ct)
    {
        static NpgsqlParameter Text(string? value) => new() { NpgsqlDbType = NpgsqlDbType.Varchar, Value = (object?)value ?? DBNull.Value };
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new NpgsqlCommand(Sql, connection)
            {
                Parameters =
                {
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = hashes },
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = subtrees },
                    Text(read.Reader), Text(read.ReaderClient),
                    new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = read.At },
                    Text(fields), Text(read.Purpose), Text(read.PurposeNote), Text(read.Channel), Text(missOrg),
                },
                Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            };
            // Prepared on each pooled physical connection once (Npgsql keeps it across opens, so later calls find it
            // without a round trip): PostgreSQL then neither parses nor plans the statement again on every look-up.
            await command.PrepareAsync(ct);
            var found = new List<Person>(hashes.Length);
            await using (var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct))
                while (await reader.ReadAsync(ct)) found.Add(Read(reader));
            if (found.Count < 2) return found;
            // The order the candidates were given in (a number valid as several document types), as the general path answers.
            return [.. found.OrderBy(p => Array.FindIndex(hashes, h => h.AsSpan().SequenceEqual(p.DocumentHash)))];
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One row of <see cref="Columns"/>, in order (sequential access reads each column once, left to right).</summary>
    private static Person Read(NpgsqlDataReader r)
    {
        static T? Nullable<T>(NpgsqlDataReader r, int i) where T : class => r.IsDBNull(i) ? null : r.GetFieldValue<T>(i);
        static DateOnly? Date(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);
        return new Person
        {
            Id = r.GetGuid(0),
            Name = r.GetString(1),
            DocumentType = Enum.Parse<DocumentType>(r.GetString(2)),
            DocumentNumber = r.GetFieldValue<byte[]>(3),
            DocumentHash = r.GetFieldValue<byte[]>(4),
            Phone = Nullable<byte[]>(r, 5),
            BirthDate = Date(r, 6),
            Sex = Enum.Parse<Sex>(r.GetString(7)),
            ResidenceStatus = Enum.Parse<ResidenceStatus>(r.GetString(8)),
            PermitNumber = Nullable<byte[]>(r, 9),
            PermitValidFrom = Date(r, 10),
            PermitValidUntil = Date(r, 11),
            OrgPath = r.GetString(12),
            HouseId = r.IsDBNull(13) ? null : r.GetGuid(13),
            RegisteredAt = DateTime.SpecifyKind(r.GetDateTime(14), DateTimeKind.Utc),
            RegisteredBy = r.GetString(15),
            Version = r.GetInt32(16),
        };
    }
}
