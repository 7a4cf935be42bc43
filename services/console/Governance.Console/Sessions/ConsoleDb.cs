using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Governance.Console.Sessions;

/// <summary>
/// The console's own database: its sessions, and the data-protection key ring of a host with no other (the gateway), so
/// that every replica reads the cookies and sign-in state the others wrote. In the standalone host the key ring is
/// identity's and this table stays empty.
/// </summary>
public sealed class ConsoleDb(DbContextOptions<ConsoleDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<ConsoleSession> Sessions => Set<ConsoleSession>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(ConsoleDb).Assembly);
        model.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}
