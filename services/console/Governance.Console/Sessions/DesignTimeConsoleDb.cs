using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Governance.Console.Sessions;

/// <summary>For <c>dotnet ef migrations add</c> only: migrations are PostgreSQL's; no connection is opened.</summary>
internal sealed class DesignTimeConsoleDb : IDesignTimeDbContextFactory<ConsoleDb>
{
    public ConsoleDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ConsoleDb>().UseNpgsql("Host=localhost;Database=console").Options);
}
