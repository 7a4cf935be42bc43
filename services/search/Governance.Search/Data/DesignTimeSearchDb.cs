using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Governance.Search.Data;

/// <summary>For <c>dotnet ef migrations add</c> only: migrations are PostgreSQL's; no connection is opened.</summary>
internal sealed class DesignTimeSearchDb : IDesignTimeDbContextFactory<SearchDb>
{
    public SearchDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SearchDb>().UseNpgsql("Host=localhost;Database=search").Options);
}
