using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Governance.Identity.Data;

/// <summary>
/// For <c>dotnet ef migrations add</c> only: migrations are PostgreSQL's (SQLite files are created
/// from the model), so the tools get a PostgreSQL context; no connection is opened.
/// </summary>
internal sealed class DesignTimeIdentityDb : IDesignTimeDbContextFactory<IdentityDb>
{
    public IdentityDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<IdentityDb>().UseNpgsql("Host=localhost;Database=identity").Options);
}
