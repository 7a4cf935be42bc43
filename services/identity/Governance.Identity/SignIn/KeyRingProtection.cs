using System.Text;
using System.Xml.Linq;
using Governance.Identity.Data;
using Governance.ServiceDefaults.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Identity.SignIn;

/// <summary>
/// ASP.NET Core data protection (the sign-in cookie, anti-forgery tokens, the pending TOTP step) with
/// its key ring in identity's database, so every replica reads the others' cookies, and each key
/// encrypted with the key encryption key: whoever reads the database alone cannot forge a sign-in.
/// </summary>
internal static class KeyRingProtection
{
    public static IServiceCollection AddKeyRingProtection(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("governance-identity").PersistKeysToDbContext<IdentityDb>();
        services.AddOptions<KeyManagementOptions>().Configure<SecretProtector>((o, protector) => o.XmlEncryptor = new Encryptor(protector));
        return services;
    }

    private const string Purpose = "data-protection-key";

    internal sealed class Encryptor(SecretProtector protector) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement)
        {
            var sealedKey = protector.Protect(Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)), Purpose);
            return new EncryptedXmlInfo(new XElement("sealedKey",
                new XComment(" AES-256-GCM under Identity:KeyEncryptionKey "), Convert.ToBase64String(sealedKey)), typeof(Decryptor));
        }
    }

    /// <summary>Made by the data-protection system through its <see cref="IServiceProvider"/> constructor.</summary>
    internal sealed class Decryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement)
        {
            var protector = services.GetRequiredService<SecretProtector>();
            return XElement.Parse(Encoding.UTF8.GetString(protector.Unprotect(Convert.FromBase64String(encryptedElement.Value), Purpose)));
        }
    }
}
