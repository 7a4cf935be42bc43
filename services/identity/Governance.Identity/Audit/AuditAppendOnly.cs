namespace Governance.Identity.Audit;

/// <summary>
/// The database's own guard on the audit trail: PostgreSQL refuses UPDATE, DELETE and TRUNCATE on
/// <c>audit_entries</c>, so neither a bug nor a hand-typed statement through the service's
/// credentials rewrites history. The initial migration applies <see cref="PostgreSqlTrigger"/>; the
/// test fixture, which builds its schema with EnsureCreated, applies it too. SQLite (standalone) has no such guard: only the API's absence.
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
