using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Governance.Assessment.Data;

/// <summary>For <c>dotnet ef migrations add</c> only: migrations are PostgreSQL's; no connection is opened.</summary>
internal sealed class DesignTimeAssessmentDb : IDesignTimeDbContextFactory<AssessmentDb>
{
    public AssessmentDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<AssessmentDb>().UseNpgsql("Host=localhost;Database=assessment").Options);
}
