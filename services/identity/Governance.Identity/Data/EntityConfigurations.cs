using Governance.Identity.Audit;
using Governance.Identity.Departments;
using Governance.Identity.Org;
using Governance.Identity.Roles;
using Governance.Identity.Users;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Identity.Data;

internal sealed class OrgNodeConfiguration : IEntityTypeConfiguration<OrgNode>
{
    public void Configure(EntityTypeBuilder<OrgNode> node)
    {
        node.ToTable("org_nodes");
        node.HasKey(n => n.Id);
        node.Property(n => n.Code).HasMaxLength(6);
        node.Property(n => n.Path).HasMaxLength(256);
        node.HasIndex(n => n.Path).IsUnique();
        node.HasIndex(n => n.ParentId);
        node.Property(n => n.Name).HasMaxLength(100);
        node.Property(n => n.Level).HasConversion<string>().HasMaxLength(16);
        node.Property(n => n.Version).IsConcurrencyToken();
        node.HasOne<OrgNode>().WithMany().HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);
        node.Ignore(n => n.IsRetired);
        node.Ignore(n => n.OrgPath);
    }
}

internal sealed class UsedOrgPathConfiguration : IEntityTypeConfiguration<UsedOrgPath>
{
    public void Configure(EntityTypeBuilder<UsedOrgPath> used)
    {
        used.ToTable("org_paths_used");
        // The key is the guarantee: two admins giving one path at the same moment cannot both commit.
        used.HasKey(p => p.Path);
        used.Property(p => p.Path).HasMaxLength(256);
        used.HasIndex(p => p.NodeId);
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> department)
    {
        department.ToTable("departments");
        department.HasKey(d => d.Id);
        department.Property(d => d.Code).HasMaxLength(32);
        department.Property(d => d.Name).HasMaxLength(100);
        department.Property(d => d.Kind).HasConversion<string>().HasMaxLength(32);
        // A row written outside the service (an import, a fix by hand) starts at version 1 too.
        department.Property(d => d.Version).HasDefaultValue(1).IsConcurrencyToken();
        department.HasIndex(d => new { d.OrgNodeId, d.Code }).IsUnique();
        department.HasOne<OrgNode>().WithMany().HasForeignKey(d => d.OrgNodeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> user)
    {
        user.ToTable("users");
        user.HasKey(u => u.Id);
        user.Property(u => u.UserName).HasMaxLength(64);
        user.HasIndex(u => u.UserName).IsUnique();
        user.Property(u => u.DisplayName).HasMaxLength(100);
        user.Property(u => u.Status).HasConversion<string>().HasMaxLength(16);
        user.Property(u => u.PasswordHash).HasMaxLength(200);
        user.Property(u => u.Version).IsConcurrencyToken();
        user.HasIndex(u => u.OrgNodeId);
        user.HasIndex(u => u.DepartmentId);
        user.HasOne<OrgNode>().WithMany().HasForeignKey(u => u.OrgNodeId).OnDelete(DeleteBehavior.Restrict);
        user.HasOne<Department>().WithMany().HasForeignKey(u => u.DepartmentId).OnDelete(DeleteBehavior.Restrict);
        user.HasMany(u => u.Posts).WithOne().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserPostConfiguration : IEntityTypeConfiguration<UserPost>
{
    public void Configure(EntityTypeBuilder<UserPost> post)
    {
        post.ToTable("user_posts");
        post.HasKey(p => p.Id);
        // Made with the post, so that a post added to a loaded user's list is inserted, not taken for an existing row.
        post.Property(p => p.Id).ValueGeneratedNever();
        post.Property(p => p.Role).HasMaxLength(32);
        post.Property(p => p.GrantedBy).HasMaxLength(64);
        post.HasIndex(p => p.UserId);
        post.HasIndex(p => p.Role);
        post.HasIndex(p => p.OrgNodeId);
        post.HasOne<Role>().WithMany().HasForeignKey(p => p.Role).OnDelete(DeleteBehavior.Restrict);
        post.HasOne(p => p.OrgNode).WithMany().HasForeignKey(p => p.OrgNodeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> role)
    {
        role.ToTable("roles");
        role.HasKey(r => r.Name);
        role.Property(r => r.Name).HasMaxLength(32);
        role.Property(r => r.Description).HasMaxLength(200);
        role.HasMany(r => r.Permissions).WithOne().HasForeignKey(p => p.Role).OnDelete(DeleteBehavior.Cascade);
        role.HasData(RoleCatalog.Defaults.Select(r => new Role { Name = r.Name, Description = r.Description, RequiresSecondFactor = r.RequiresSecondFactor }));
    }
}

internal sealed class RolePermissionConfiguration : IEntityTypeConfiguration<RolePermission>
{
    public void Configure(EntityTypeBuilder<RolePermission> permission)
    {
        permission.ToTable("role_permissions");
        permission.HasKey(p => new { p.Role, p.Permission });
        permission.Property(p => p.Role).HasMaxLength(32);
        permission.Property(p => p.Permission).HasMaxLength(64);
        permission.HasData(RoleCatalog.Defaults.SelectMany(r => r.Permissions.Select(p => new RolePermission { Role = r.Name, Permission = p })));
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.ToTable("audit_entries");
        // The runtime role may only INSERT and SELECT (ADR 0011); the trigger of AuditAppendOnly also binds the owner.
        entry.IsAppendOnly();
        entry.HasKey(e => e.Id);
        entry.Property(e => e.Actor).HasMaxLength(200);
        entry.Property(e => e.Action).HasMaxLength(64);
        entry.Property(e => e.Target).HasMaxLength(200);
        entry.Property(e => e.OrgPath).HasMaxLength(256);
        entry.Property(e => e.Source).HasMaxLength(64);
        entry.Property(e => e.Detail).HasMaxLength(1000);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => e.Target);
    }
}
