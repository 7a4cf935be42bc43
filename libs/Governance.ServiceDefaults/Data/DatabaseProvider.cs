using Microsoft.EntityFrameworkCore;

namespace Governance.ServiceDefaults.Data;

/// <summary>The engine behind a service database.</summary>
public enum DatabaseProvider
{
    /// <summary>A file under the data directory: the standalone host and small installations.</summary>
    Sqlite,
    /// <summary>The cluster engine; schema changes ship as EF migrations.</summary>
    PostgreSql,
}

/// <summary>
/// A database a host owns: its logical name, its context and the engine chosen for it. On PostgreSQL
/// with <c>ConnectionStrings:&lt;name&gt;-owner</c> set, <see cref="RuntimeRole"/> is the user of
/// <c>ConnectionStrings:&lt;name&gt;</c>, and <see cref="CreateOwnerContext"/> opens the same database
/// as the owner role, for the <c>migrate</c> command only.
/// </summary>
public sealed record ServiceDatabase(string Name, Type ContextType, DatabaseProvider Provider)
{
    /// <summary>The role the service runs as, when an owner role migrates; null when one role does both.</summary>
    public string? RuntimeRole { get; init; }

    /// <summary>A context on the owner connection (not pooled, no interceptors); null when none is configured.</summary>
    public Func<DbContext>? CreateOwnerContext { get; init; }
}
