using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Governance.Grid.Data;

/// <summary>For <c>dotnet ef migrations add</c> only: migrations are PostgreSQL's; no connection is opened.</summary>
internal sealed class DesignTimeGridDb : IDesignTimeDbContextFactory<GridDb>
{
    public GridDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<GridDb>().UseNpgsql("Host=localhost;Database=grid").Options);
}
