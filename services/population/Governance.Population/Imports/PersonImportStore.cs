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
/// Writes the persons of an import as its check hands them over (<see cref="PersonImportCheck"/>), inside the caller's
/// transaction, so that all of them become visible at its commit or none: on PostgreSQL by binary COPY into
/// <c>persons</c> (the database takes the rows on its own core while the file is still being read), on SQLite (the
/// standalone host) through EF in batches. The unique index on the document hash still stands guard: a person
/// registered by hand while the file was read fails the COPY, and so the whole import.
/// </summary>
public sealed class PersonImportStore(PopulationDb db)
{
    /// <summary>Starts writing in the caller's transaction; dispose without <see cref="Writer.CompleteAsync"/> to abandon.</summary>
    public async Task<Writer> BeginAsync(CancellationToken ct) =>
        db.Database.IsNpgsql() ? new CopyWriter(await ((NpgsqlConnection)db.Database.GetDbConnection()).BeginBinaryImportAsync(Copy, ct)) : new BatchWriter(db);

    public abstract class Writer : IAsyncDisposable
    {
        public int Count { get; protected set; }

        public abstract Task WriteAsync(IReadOnlyList<Person> persons, CancellationToken ct);

        /// <summary>Ends the writing; answers how many persons were written.</summary>
        public abstract Task<int> CompleteAsync(CancellationToken ct);

        public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private const string Copy = """
        COPY persons ("Id", "Name", "DocumentType", "DocumentNumber", "DocumentHash", "Phone", "BirthDate", "Sex",
                      "ResidenceStatus", "PermitNumber", "PermitValidFrom", "PermitValidUntil", "OrgPath", "RegisteredAt", "RegisteredBy")
        FROM STDIN (FORMAT BINARY)
        """;

    private sealed class CopyWriter(NpgsqlBinaryImporter copy) : Writer
    {
        public override async Task WriteAsync(IReadOnlyList<Person> persons, CancellationToken ct)
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
                Count++;
            }
        }

        private bool _closed;

        public override async Task<int> CompleteAsync(CancellationToken ct)
        {
            await copy.CompleteAsync(ct);
            // The connection leaves the COPY only once the importer is closed: the job's end is written on it next.
            await copy.CloseAsync(ct);
            _closed = true;
            return Count;
        }

        // Without CompleteAsync, disposing cancels the COPY: nothing of it reaches the table.
        public override ValueTask DisposeAsync() => _closed ? ValueTask.CompletedTask : copy.DisposeAsync();
    }

    private sealed class BatchWriter(PopulationDb db) : Writer
    {
        public override async Task WriteAsync(IReadOnlyList<Person> persons, CancellationToken ct)
        {
            db.Persons.AddRange(persons);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            Count += persons.Count;
        }

        public override Task<int> CompleteAsync(CancellationToken ct) => Task.FromResult(Count);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : class =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, type, ct);

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);
}
