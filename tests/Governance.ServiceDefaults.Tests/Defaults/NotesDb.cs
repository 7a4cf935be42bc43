using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Governance.ServiceDefaults.Tests.Defaults;

/// <summary>A one-table service database, with a real PostgreSQL migration, for the data tests.</summary>
public sealed class NotesDb(DbContextOptions<NotesDb> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();
}

public sealed class Note
{
    public int Id { get; set; }
    public required string Text { get; set; }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without a host.</summary>
public sealed class NotesDbDesignTimeFactory : IDesignTimeDbContextFactory<NotesDb>
{
    public NotesDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NotesDb>().UseNpgsql("Host=127.0.0.1;Database=design").Options);
}
