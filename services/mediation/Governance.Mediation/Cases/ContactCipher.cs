using System.Text;
using Governance.ServiceDefaults.Security;

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
