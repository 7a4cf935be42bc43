using System.Security.Cryptography;
using System.Text;
using Governance.ServiceDefaults.Security;
using Microsoft.Extensions.Configuration;

namespace Governance.Population.Protection;

/// <summary>
/// Encrypts identity numbers and phones (and care cases' free text) with AES-256-GCM (<see cref="SecretProtector"/>)
/// under the current key of <see cref="ProtectionOptions"/>, each value bound to its person (or case) and field, and
/// prefixed with the id of the key that encrypted it: <c>id length (1) | id (ASCII) | protected value</c>.
/// Reading takes the key the value names, so values written before a rotation still read.
/// </summary>
public sealed class PersonalDataCipher
{
    private readonly Dictionary<string, SecretProtector> _keys;
    private readonly string _current;

    public PersonalDataCipher(IReadOnlyDictionary<string, SecretProtector> keys, string current)
    {
        if (!keys.ContainsKey(current)) throw new InvalidOperationException($"{ProtectionOptions.CurrentKey} names the key '{current}', which {ProtectionOptions.Keys} does not hold.");
        foreach (var id in keys.Keys)
            if (id.Length is 0 or > 32 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
                throw new InvalidOperationException($"The key id '{id}' under {ProtectionOptions.Keys} must be 1 to 32 letters, digits, '-' or '_'.");
        _keys = new Dictionary<string, SecretProtector>(keys, StringComparer.Ordinal);
        _current = current;
    }

    /// <summary>The key every new value is encrypted with.</summary>
    public string CurrentKeyId => _current;

    /// <summary>
    /// The keys under <see cref="ProtectionOptions.Keys"/> (each its <c>Key</c>, or a <c>KeyFile</c> created
    /// with a fresh key when missing, for the standalone host) and the current one; a single key needs no
    /// <c>CurrentKey</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No key, an unknown current key, or a key that is not base64 of 32 bytes.</exception>
    public static PersonalDataCipher FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var ids = configuration.GetSection(ProtectionOptions.Keys).GetChildren().Select(c => c.Key).ToList();
        if (ids.Count == 0)
            throw new InvalidOperationException($"{ProtectionOptions.Keys} holds no key: give {ProtectionOptions.Keys}:1:Key base64 of 32 random bytes from a secret (e.g. `openssl rand -base64 32`).");
        var keys = ids.ToDictionary(id => id, id => SecretProtector.FromConfiguration(configuration, $"{ProtectionOptions.Keys}:{id}:Key", contentRoot));
        var current = configuration[ProtectionOptions.CurrentKey]
            ?? (ids.Count == 1 ? ids[0] : throw new InvalidOperationException($"{ProtectionOptions.Keys} holds several keys: name the one to encrypt with in {ProtectionOptions.CurrentKey}."));
        return new PersonalDataCipher(keys, current);
    }

    public byte[] Protect(string value, Guid personId, string field) => ProtectBytes(Encoding.UTF8.GetBytes(value), Purpose(personId, field));

    /// <summary>A care case's free text (a visit's findings, its next step), bound to the case and field.</summary>
    public byte[] ProtectCaseNote(string value, Guid caseId, string field) => ProtectBytes(Encoding.UTF8.GetBytes(value), CasePurpose(caseId, field));

    /// <exception cref="CryptographicException">The value was altered, belongs to another case or field, or names a key no longer configured.</exception>
    public string UnprotectCaseNote(byte[] stored, Guid caseId, string field) => Encoding.UTF8.GetString(UnprotectBytes(stored, CasePurpose(caseId, field)));

    /// <summary>Bytes holding personal data (a piece of an uploaded import file), bound to <paramref name="purpose"/>, in the same form as <see cref="Protect"/>.</summary>
    public byte[] ProtectBytes(ReadOnlySpan<byte> value, string purpose)
    {
        var sealedValue = _keys[_current].Protect(value, purpose);
        var id = Encoding.ASCII.GetBytes(_current);
        var output = new byte[1 + id.Length + sealedValue.Length];
        output[0] = (byte)id.Length;
        id.CopyTo(output, 1);
        sealedValue.CopyTo(output, 1 + id.Length);
        return output;
    }

    /// <exception cref="CryptographicException">The value was altered, bound to another purpose, or names a key no longer configured.</exception>
    public byte[] UnprotectBytes(byte[] stored, string purpose)
    {
        var id = KeyIdOf(stored);
        if (!_keys.TryGetValue(id, out var key)) throw new CryptographicException($"The value was encrypted with the key '{id}', which is no longer configured.");
        return key.Unprotect(stored.AsSpan(1 + id.Length), purpose);
    }

    /// <exception cref="CryptographicException">The value was altered, belongs to another person or field, or names a key no longer configured.</exception>
    public string Unprotect(byte[] stored, Guid personId, string field) => Encoding.UTF8.GetString(UnprotectBytes(stored, Purpose(personId, field)));

    /// <summary>True when <paramref name="keyId"/> is configured, so what it encrypted can be read (and moved to the current key).</summary>
    public bool Holds(string keyId) => _keys.ContainsKey(keyId);

    /// <summary>The configured key ids (never the keys).</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>
    /// <paramref name="stored"/> decrypted and encrypted again under the current key, bound to the same
    /// <paramref name="purpose"/> (<see cref="KeyRotation"/>). The plain value lives only inside this call.
    /// </summary>
    /// <exception cref="CryptographicException">As <see cref="UnprotectBytes"/>.</exception>
    public byte[] Rekey(byte[] stored, string purpose)
    {
        var plain = UnprotectBytes(stored, purpose);
        try
        {
            return ProtectBytes(plain, purpose);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>The id of the key <paramref name="stored"/> was encrypted with.</summary>
    public static string KeyIdOf(byte[] stored) =>
        stored.Length > 1 && stored[0] < stored.Length ? Encoding.ASCII.GetString(stored, 1, stored[0]) : throw new CryptographicException("Not a protected value.");

    /// <summary>What a person's value is bound to (<see cref="Protect"/>).</summary>
    public static string Purpose(Guid personId, string field) => $"person:{personId}:{field}";

    /// <summary>What a care case's free text is bound to (<see cref="ProtectCaseNote"/>).</summary>
    public static string CasePurpose(Guid caseId, string field) => $"care-case:{caseId}:{field}";
}
