using Governance.Messaging;
using Governance.Messaging.OrgPaths;
using Governance.Search.Audit;
using Governance.Search.Documents;
using Microsoft.EntityFrameworkCore;

namespace Governance.Search.Data;

/// <summary>The search service's own database: the read model the index is built from, and the audit of every search.</summary>
public sealed class SearchDb(DbContextOptions<SearchDb> options) : DbContext(options)
{
    public DbSet<SearchDocument> Documents => Set<SearchDocument>();
    public DbSet<SearchAuditEntry> Audit => Set<SearchAuditEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(SearchDb).Assembly);
        model.AddOutboxAndInbox();
        model.AddOrgMoveLog();
    }
}
