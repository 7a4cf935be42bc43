using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Governance.ServiceDefaults.Data;

/// <summary>
/// Two PostgreSQL roles per service database (ADR 0011). The owner role, which only the
/// <c>migrate</c> command signs in as, owns every table. The runtime role, which the service signs
/// in as, owns nothing and is granted what serving needs: USAGE on the schemas, SELECT, INSERT,
/// UPDATE and DELETE on the model's tables, INSERT and SELECT only on <see cref="AppendOnly"/> ones,
/// SELECT only on the migration history, USAGE and SELECT on the sequences. Only an owner (or a
/// superuser) may ALTER, DROP, or disable a table's triggers, so with these grants the runtime
/// role cannot undo an append-only table's guard by any statement.
/// </summary>
internal static class DatabaseRoles
{
    public static string OwnerConnectionName(string name) => name + "-owner";

    /// <summary>The runtime role: the user of the service's own connection string.</summary>
    public static string UserOf(string connectionString, string name) =>
        new NpgsqlConnectionStringBuilder(connectionString).Username is { Length: > 0 } user
            ? user
            : throw new InvalidOperationException(
                $"ConnectionStrings:{name} names no Username: with ConnectionStrings:{OwnerConnectionName(name)} set, its user is the runtime role that the migrate command grants.");

    /// <summary>A table of the model, as the grants see it.</summary>
    public sealed record Table(string Schema, string Name, bool IsAppendOnly, bool IsHistory = false)
    {
        public string Quoted => $"{Quote(Schema)}.{Quote(Name)}";
    }

    /// <summary>The model's tables and the migration history table; <paramref name="defaultSchema"/> for those that name none.</summary>
    public static IReadOnlyList<Table> TablesOf(DbContext db, string defaultSchema)
    {
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var tables = model.Tables
            .Select(t => new Table(t.Schema ?? defaultSchema, t.Name, t.EntityTypeMappings.Any(m => m.TypeBase.IsMarkedAppendOnly())))
            .ToList();
        var relational = RelationalOptionsExtension.Extract(db.GetService<IDbContextOptions>());
        tables.Add(new Table(relational.MigrationsHistoryTableSchema ?? defaultSchema,
            relational.MigrationsHistoryTableName ?? HistoryRepository.DefaultTableName, IsAppendOnly: false, IsHistory: true));
        return tables;
    }

    /// <summary>The schema that unqualified names land in for the connection's role.</summary>
    public static async Task<string> CurrentSchemaAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT current_schema()", connection);
        return (string?)await command.ExecuteScalarAsync(ct)
            ?? throw new InvalidOperationException($"The role {connection.UserName} has no schema on its search_path to create tables in.");
    }

    /// <summary>
    /// Refuses, before anything is migrated, a runtime role that would defeat the separation: one
    /// that does not exist, is the owner itself, a superuser, a member of the owner role, or owns
    /// one of the tables (so could alter or drop it whatever it is granted).
    /// </summary>
    public static async Task EnsureSeparateAsync(NpgsqlConnection owner, string name, string runtimeRole, IEnumerable<string> schemas, CancellationToken ct)
    {
        const string sql = """
            SELECT r.rolname = current_user, r.rolsuper, pg_has_role(r.oid, current_user, 'MEMBER'),
                   (SELECT string_agg(n.nspname || '.' || c.relname, ', ' ORDER BY n.nspname, c.relname)
                      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relowner = r.oid AND n.nspname = ANY(@schemas) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f'))
              FROM pg_roles r WHERE r.rolname = @runtime
            """;
        await using var command = new NpgsqlCommand(sql, owner);
        command.Parameters.AddWithValue("runtime", runtimeRole);
        command.Parameters.AddWithValue("schemas", schemas.Distinct().ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ownerName = OwnerConnectionName(name);
        if (!await reader.ReadAsync(ct))
            throw new InvalidOperationException($"Database {name}: the runtime role '{runtimeRole}' (the user of ConnectionStrings:{name}) does not exist: create it with LOGIN and no other attribute (ADR 0011).");
        if (reader.GetBoolean(0))
            throw new InvalidOperationException($"Database {name}: ConnectionStrings:{name} and ConnectionStrings:{ownerName} sign in as the same role '{runtimeRole}': the service must run as a role that owns nothing.");
        if (reader.GetBoolean(1))
            throw new InvalidOperationException($"Database {name}: the runtime role '{runtimeRole}' is a superuser, which passes every privilege check: run the service as a plain LOGIN role.");
        if (reader.GetBoolean(2))
            throw new InvalidOperationException($"Database {name}: the runtime role '{runtimeRole}' is a member of the owner role '{owner.UserName}', so it would act as the owner: revoke that membership.");
        if (!reader.IsDBNull(3))
            throw new InvalidOperationException(
                $"Database {name}: the runtime role '{runtimeRole}' owns {reader.GetString(3)}, so it could alter or drop them whatever it is granted. Once, as a superuser, in this database: REASSIGN OWNED BY {Quote(runtimeRole)} TO {Quote(owner.UserName!)};");
    }

    /// <summary>
    /// Grants the runtime role exactly what serving needs, after the migrations ran. Privileges are
    /// revoked first, so that a table that became append-only loses UPDATE and DELETE; all of it is one
    /// transaction, so the service never sees a table without its grants.
    /// </summary>
    public static async Task GrantRuntimeAsync(NpgsqlConnection owner, string runtimeRole, IReadOnlyList<Table> tables, CancellationToken ct)
    {
        var role = Quote(runtimeRole);
        var sql = new StringBuilder();
        foreach (var schema in tables.Select(t => t.Schema).Distinct())
            sql.AppendLine($"GRANT USAGE ON SCHEMA {Quote(schema)} TO {role};");
        foreach (var table in tables)
        {
            sql.AppendLine($"REVOKE ALL ON TABLE {table.Quoted} FROM {role};");
            var privileges = table.IsHistory ? "SELECT" : table.IsAppendOnly ? "SELECT, INSERT" : "SELECT, INSERT, UPDATE, DELETE";
            sql.AppendLine($"GRANT {privileges} ON TABLE {table.Quoted} TO {role};");
        }
        // Identity columns need none of this; serial columns and explicit sequences need USAGE for nextval.
        foreach (var schema in tables.Select(t => t.Schema).Distinct())
            sql.AppendLine($"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {Quote(schema)} TO {role};");
        await using var transaction = await owner.BeginTransactionAsync(ct);
        await using (var command = new NpgsqlCommand(sql.ToString(), owner, transaction))
            await command.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// At start, on the service's own connection: true when its role could alter or drop its tables
    /// (it owns one, is a member of an owner, or is a superuser), i.e. when nobody separated the roles.
    /// </summary>
    public static async Task<bool> CanAlterTablesAsync(DbContext db, CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var schemas = TablesOf(db, await CurrentSchemaAsync(connection, ct)).Select(t => t.Schema).Distinct().ToArray();
            const string sql = """
                SELECT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                    OR EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                WHERE n.nspname = ANY(@schemas) AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'USAGE'))
                """;
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("schemas", schemas);
            return (bool)(await command.ExecuteScalarAsync(ct))!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";
}
