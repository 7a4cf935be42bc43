using System.Text;
using System.Xml.Linq;
using Governance.ServiceDefaults.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.Console.Sessions;

/// <summary>
/// The data-protection key ring of a host that serves the console and has no key ring of its own (the gateway): in the
/// console's database, so that every replica reads the session cookies, the sign-in's state and correlation cookies and
/// the anti-forgery tokens the others wrote, and each key encrypted under <c>Console:KeyEncryptionKey</c>, so that
/// whoever reads the database alone can neither forge a cookie nor open a session's tokens. The standalone host does not
/// call this: its key ring is identity's, one per process.
/// </summary>
public static class ConsoleKeyRing
{
    public const string KeySetting = "Console:KeyEncryptionKey";
    private const string ProtectorKey = "console-key-ring";
    private const string Purpose = "data-protection-key";

    public static IServiceCollection AddConsoleKeyRing(this IServiceCollection services)
    {
        services.AddKeyedSingleton(ProtectorKey, (sp, _) => SecretProtector.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), KeySetting, sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        services.AddDataProtection().SetApplicationName("governance-console").PersistKeysToDbContext<ConsoleDb>();
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((o, sp) =>
            o.XmlEncryptor = new Encryptor(sp.GetRequiredKeyedService<SecretProtector>(ProtectorKey)));
        return services;
    }

    internal sealed class Encryptor(SecretProtector protector) : IXmlEncryptor
    {
        public EncryptedXmlInfo Encrypt(XElement plaintextElement)
        {
            var sealedKey = protector.Protect(Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting)), Purpose);
            return new EncryptedXmlInfo(new XElement("sealedKey",
                new XComment($" AES-256-GCM under {KeySetting} "), Convert.ToBase64String(sealedKey)), typeof(Decryptor));
        }
    }

    /// <summary>Made by the data-protection system through its <see cref="IServiceProvider"/> constructor.</summary>
    internal sealed class Decryptor(IServiceProvider services) : IXmlDecryptor
    {
        public XElement Decrypt(XElement encryptedElement)
        {
            var protector = services.GetRequiredKeyedService<SecretProtector>(ProtectorKey);
            return XElement.Parse(Encoding.UTF8.GetString(protector.Unprotect(Convert.FromBase64String(encryptedElement.Value), Purpose)));
        }
    }
}
