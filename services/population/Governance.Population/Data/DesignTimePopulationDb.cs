using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Governance.Population.Data;

/// <summary>For <c>dotnet ef migrations add</c> only: migrations are PostgreSQL's; no connection is opened.</summary>
internal sealed class DesignTimePopulationDb : IDesignTimeDbContextFactory<PopulationDb>
{
    public PopulationDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PopulationDb>().UseNpgsql("Host=localhost;Database=population").Options);
}
