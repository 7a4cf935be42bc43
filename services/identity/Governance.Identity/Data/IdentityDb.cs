using Governance.Identity.Audit;
using Governance.Identity.Departments;
using Governance.Identity.Org;
using Governance.Identity.Roles;
using Governance.Identity.Users;
using Governance.Messaging;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Governance.Identity.Data;

/// <summary>The identity service's own database. Each feature maps its entities in an IEntityTypeConfiguration beside them.</summary>
public sealed class IdentityDb(DbContextOptions<IdentityDb> options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>The data-protection key ring (sign-in cookies, anti-forgery), each key sealed with the key encryption key.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OrgNode> OrgNodes => Set<OrgNode>();
    public DbSet<UsedOrgPath> UsedOrgPaths => Set<UsedOrgPath>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<User> Users => Set<User>();
    public DbSet<UserPost> UserPosts => Set<UserPost>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<RolePermission> RolePermissions => Set<RolePermission>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(IdentityDb).Assembly);
        model.AddOutboxAndInbox();
        // OpenIddict's applications, authorizations, scopes and tokens.
        model.UseOpenIddict();
    }
}
