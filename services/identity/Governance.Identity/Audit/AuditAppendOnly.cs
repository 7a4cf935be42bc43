namespace Governance.Identity.Audit;

/// <summary>
/// The database's own guards on the audit trail, two of them on PostgreSQL. First, privileges: the
/// schema is migrated by an owner role and the service runs as a role that may only INSERT and
/// SELECT <c>audit_entries</c> (the table is marked <c>IsAppendOnly()</c>; see ADR 0011), so the
/// service's credentials can neither change a row nor alter, truncate or drop the table, nor disable
/// this trigger. Second, <see cref="PostgreSqlTrigger"/>, which the initial migration applies:
/// UPDATE, DELETE and TRUNCATE are refused for every role but a superuser, so a hand-typed statement
/// by the owner does not rewrite history either (the owner could drop the trigger, deliberately).
/// The test fixture, which builds its schema with EnsureCreated, applies it too. SQLite (standalone)
/// has no such guard: only the API's absence.
/// </summary>
public static class AuditAppendOnly
{
    public const string PostgreSqlTrigger = """
        CREATE OR REPLACE FUNCTION audit_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit_entries is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
        $$;
        DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries;
        CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
            FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse_change();
        DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries;
        CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
            FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_refuse_change();
        """;
}
