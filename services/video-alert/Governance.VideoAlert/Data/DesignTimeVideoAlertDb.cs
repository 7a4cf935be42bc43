using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Governance.VideoAlert.Data;

/// <summary>For <c>dotnet ef migrations add</c> only: migrations are PostgreSQL's; no connection is opened.</summary>
internal sealed class DesignTimeVideoAlertDb : IDesignTimeDbContextFactory<VideoAlertDb>
{
    public VideoAlertDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<VideoAlertDb>().UseNpgsql("Host=localhost;Database=videoalert").Options);
}
