using System.Text;
using Governance.ServiceDefaults.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Mediation.Cases;

/// <summary>
/// Encrypts parties' contact details under <c>Mediation:KeyEncryptionKey</c> (or the file named by
/// <c>Mediation:KeyEncryptionKeyFile</c>), each bound to its party (purpose <c>party-contact:{id}</c>).
/// Its own type so that a process carrying identity as well keeps the two keys apart.
/// </summary>
public sealed class ContactCipher(SecretProtector protector)
{
    public const string KeySetting = "Mediation:KeyEncryptionKey";

    public byte[] Protect(Guid partyId, string contact) => protector.Protect(Encoding.UTF8.GetBytes(contact), Purpose(partyId));

    public string Unprotect(Guid partyId, byte[] stored) => Encoding.UTF8.GetString(protector.Unprotect(stored, Purpose(partyId)));

    private static string Purpose(Guid partyId) => $"party-contact:{partyId}";
}

/// <summary>One read of a case's decrypted contacts: who, when, which case (append-only; ARCHITECTURE asks personal-data reads be audited).</summary>
public sealed class ContactRead
{
    public long Id { get; init; }
    public Guid CaseId { get; init; }
    public required string Reader { get; init; }
    public DateTime At { get; init; }
}

internal sealed class ContactReadConfiguration : IEntityTypeConfiguration<ContactRead>
{
    public void Configure(EntityTypeBuilder<ContactRead> r)
    {
        r.ToTable("contact_reads");
        r.HasKey(x => x.Id);
        r.Property(x => x.Reader).HasMaxLength(64);
        r.HasIndex(x => x.CaseId);
    }
}
