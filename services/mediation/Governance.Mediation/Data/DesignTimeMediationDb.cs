using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Governance.Mediation.Data;

/// <summary>For <c>dotnet ef migrations add</c> only: migrations are PostgreSQL's; no connection is opened.</summary>
internal sealed class DesignTimeMediationDb : IDesignTimeDbContextFactory<MediationDb>
{
    public MediationDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<MediationDb>().UseNpgsql("Host=localhost;Database=mediation").Options);
}
