using Governance.Population.Access;
using Governance.Population.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Governance.Population.Persons;

/// <summary>
/// A masked look-up on PostgreSQL as one statement: the persons holding one of the document hashes within the
/// caller's subtrees, and their access-log rows (or the miss's row) inserted by the same statement, so the read and
/// its log commit together in one round trip. The look-up is the hot path of the service (aim: p99 under 5 ms at a
/// million persons) and every one of them commits its log row to disk before it answers; as two round trips
/// (EF's SELECT, then SaveChanges' INSERT) it spent as long again above its commit as the commit itself.
/// SQLite (the standalone host) cannot insert inside a WITH, and keeps <see cref="PersonAccess"/>'s general path.
/// </summary>
internal static class LookupInOneStatement
{
    // Subtree as WithinSubtree means it: the node itself or anything below it ('/'-separated codes, no wildcards).
    private const string Sql = """
        WITH permitted AS (
            SELECT p.* FROM persons p
            WHERE p."DocumentHash" = ANY(@hashes)
              AND EXISTS (SELECT 1 FROM unnest(@subtrees) AS s(path) WHERE p."OrgPath" = s.path OR p."OrgPath" LIKE s.path || '/%')
        ), logged AS (
            INSERT INTO person_reads ("PersonId", "OrgPath", "Reader", "ReaderClient", "At", "Action", "Fields", "Purpose", "PurposeNote", "Channel")
            SELECT "Id", "OrgPath", @reader, @client, @at, 'lookup', @fields, @purpose, @note, @channel FROM permitted
            UNION ALL
            SELECT NULL, @missOrg, @reader, @client, @at, 'lookup_miss', '', @purpose, @note, @channel
            WHERE NOT EXISTS (SELECT 1 FROM permitted)
        )
        SELECT * FROM permitted
        """;

    // A type test, not Database.IsNpgsql(): that reads the provider's name from its assembly's metadata on every call.
    public static bool Applies(PopulationDb db) => db.Database.GetDbConnection() is NpgsqlConnection;

    /// <param name="read">The log row's fields shared by every row written: reader, client, at, purpose, note, channel.</param>
    /// <param name="fields">The fields shown for a found person.</param>
    /// <param name="missOrg">The org path written on the miss's row: the reach searched.</param>
    public static async Task<List<Person>> FindAndLogAsync(PopulationDb db, IReadOnlyList<byte[]> hashes, IReadOnlyList<string> subtrees,
        PersonRead read, string fields, string missOrg, CancellationToken ct)
    {
        NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Varchar) { Value = (object?)value ?? DBNull.Value };
        var found = await db.Persons.FromSqlRaw(Sql,
                new NpgsqlParameter("hashes", NpgsqlDbType.Array | NpgsqlDbType.Bytea) { Value = hashes.ToArray() },
                new NpgsqlParameter("subtrees", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = subtrees.ToArray() },
                Text("reader", read.Reader), Text("client", read.ReaderClient),
                new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = read.At },
                Text("fields", fields), Text("purpose", read.Purpose), Text("note", read.PurposeNote), Text("channel", read.Channel),
                Text("missOrg", missOrg))
            .AsNoTracking().ToListAsync(ct);
        // The order the candidates were given in (a number valid as several document types), as the general path answers.
        return [.. found.OrderBy(p => hashes.ToList().FindIndex(h => h.AsSpan().SequenceEqual(p.DocumentHash)))];
    }
}
