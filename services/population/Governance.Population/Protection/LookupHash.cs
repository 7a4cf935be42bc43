using System.Security.Cryptography;
using System.Text;
using Governance.Population.Documents;
using Governance.ServiceDefaults.Security;
using Microsoft.Extensions.Configuration;

namespace Governance.Population.Protection;

/// <summary>
/// The keyed hash (HMAC-SHA256) of a document's type and normalised number: an exact look-up and the
/// duplicate check find a person by it without decrypting anyone, and without its key (its own, not
/// an encryption key) nobody can test guessed numbers against a copy of the table.
/// </summary>
public sealed class LookupHash(byte[] key)
{
    public static LookupHash FromConfiguration(IConfiguration configuration, string contentRoot) =>
        new(SecretProtector.FromConfiguration(configuration, ProtectionOptions.LookupKey, contentRoot).DeriveKey("population-document-lookup", 32));

    /// <summary>The hash of <paramref name="document"/>'s type and number (already normalised by <see cref="IdentityDocument"/>).</summary>
    public byte[] Of(IdentityDocument document) => Of(document.Type, document.Number);

    public byte[] Of(DocumentType type, string normalisedNumber) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{DocumentTypes.Of(type)}|{normalisedNumber}"));
}
