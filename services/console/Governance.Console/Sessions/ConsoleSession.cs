using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Console.Sessions;

/// <summary>
/// One signed-in console session: the key the browser's cookie carries and the ticket behind it (the user's claims and
/// their access, refresh and ID tokens), sealed with data protection so that the database alone gives no tokens away.
/// </summary>
public sealed class ConsoleSession
{
    public required string Key { get; init; }
    public required byte[] Ticket { get; set; }

    /// <summary>Moves forward at every use (sliding): the session ends after the idle timeout without one.</summary>
    public DateTime ExpiresAt { get; set; }
}

internal sealed class ConsoleSessionConfiguration : IEntityTypeConfiguration<ConsoleSession>
{
    public void Configure(EntityTypeBuilder<ConsoleSession> e)
    {
        e.ToTable("console_sessions");
        e.HasKey(x => x.Key);
        e.Property(x => x.Key).HasMaxLength(64);
        e.HasIndex(x => x.ExpiresAt);
    }
}
