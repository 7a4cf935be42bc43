using System.Text;
using Governance.ServiceDefaults.Security;

namespace Governance.VideoAlert.Cameras;

/// <summary>
/// Devices' SIP digest passwords, encrypted under the key <c>VideoAlert:SipKeyEncryptionKey</c> (or the file named by
/// <c>VideoAlert:SipKeyEncryptionKeyFile</c>, the standalone's). Digest needs the password itself, so it is encrypted,
/// not hashed; each ciphertext is bound to its device id, so one cannot be copied onto another device's row.
/// </summary>
public sealed class SipSecrets(SecretProtector protector)
{
    public const string KeySetting = "VideoAlert:SipKeyEncryptionKey";

    public byte[] Protect(string deviceId, string password) => protector.Protect(Encoding.UTF8.GetBytes(password), Purpose(deviceId));

    public string Unprotect(string deviceId, byte[] protectedPassword) => Encoding.UTF8.GetString(protector.Unprotect(protectedPassword, Purpose(deviceId)));

    private static string Purpose(string deviceId) => "videoalert.sip-password:" + deviceId;
}
