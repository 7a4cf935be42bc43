namespace Governance.ServiceDefaults.Data;

/// <summary>The engine behind a service database.</summary>
public enum DatabaseProvider
{
    /// <summary>A file under the data directory: the standalone host and small installations.</summary>
    Sqlite,
    /// <summary>The cluster engine; schema changes ship as EF migrations.</summary>
    PostgreSql,
}

/// <summary>A database a host owns: its logical name, its context and the engine chosen for it.</summary>
public sealed record ServiceDatabase(string Name, Type ContextType, DatabaseProvider Provider);
