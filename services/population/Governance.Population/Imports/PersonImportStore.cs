using Governance.Population.Data;
using Governance.Population.Documents;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Governance.Population.Imports;

/// <summary>
/// Writes the persons of a checked import (<see cref="CheckedPersons"/>, made by <see cref="PersonImportCheck"/>) inside
/// the caller's transaction, so that all of them become visible at its commit or none: on PostgreSQL by binary COPY
/// into <c>persons</c>, on SQLite (the standalone host)
/// through EF in batches. The unique index on the document hash still stands guard: a person registered
/// by hand while the file was checked fails the COPY, and so the whole import.
/// </summary>
public sealed class PersonImportStore(PopulationDb db)
{
    // Each progress write is a commit of its own: every few thousand rows keeps the bar moving without slowing the COPY.
    private const int ProgressEvery = 20_000;

    public async Task<int> StoreAsync(SealedScratchFile checkedPersons, Func<int, Task> progress, CancellationToken ct)
    {
        var persons = CheckedPersons.Read(checkedPersons);
        return db.Database.IsNpgsql() ? await CopyAsync(persons, progress, ct) : await AddAsync(persons, progress, ct);
    }

    private async Task<int> CopyAsync(IEnumerable<Person> persons, Func<int, Task> progress, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var count = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            """
            COPY persons ("Id", "Name", "DocumentType", "DocumentNumber", "DocumentHash", "Phone", "BirthDate", "Sex",
                          "ResidenceStatus", "PermitNumber", "PermitValidFrom", "PermitValidUntil", "OrgPath", "RegisteredAt", "RegisteredBy")
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var p in persons)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(p.Name, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.DocumentType.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.DocumentNumber, NpgsqlDbType.Bytea, ct);
                await copy.WriteAsync(p.DocumentHash, NpgsqlDbType.Bytea, ct);
                await WriteNullableAsync(copy, p.Phone, NpgsqlDbType.Bytea, ct);
                await WriteNullableAsync(copy, p.BirthDate, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(p.Sex.ToString(), NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.ResidenceStatus.ToString(), NpgsqlDbType.Varchar, ct);
                await WriteNullableAsync(copy, p.PermitNumber, NpgsqlDbType.Bytea, ct);
                await WriteNullableAsync(copy, p.PermitValidFrom, NpgsqlDbType.Date, ct);
                await WriteNullableAsync(copy, p.PermitValidUntil, NpgsqlDbType.Date, ct);
                await copy.WriteAsync(p.OrgPath, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(p.RegisteredAt, NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(p.RegisteredBy, NpgsqlDbType.Varchar, ct);
                if (++count % ProgressEvery == 0) await progress(count);
            }
            await copy.CompleteAsync(ct);
        }
        await progress(count);
        return count;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : class =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private async Task<int> AddAsync(IEnumerable<Person> persons, Func<int, Task> progress, CancellationToken ct)
    {
        var count = 0;
        foreach (var chunk in persons.Chunk(500))
        {
            db.Persons.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            count += chunk.Length;
            await progress(count);
        }
        return count;
    }
}
