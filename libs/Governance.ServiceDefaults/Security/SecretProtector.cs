using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Governance.ServiceDefaults.Security;

/// <summary>
/// Encrypts secrets at rest (signing keys, TOTP secrets, parties' contact details) with AES-256-GCM
/// under a key from configuration. Each ciphertext is bound to its purpose (associated data), so a
/// value copied from one row to another does not decrypt. Layout: version (1) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class SecretProtector
{
    private const byte Version = 1;
    private readonly byte[] _key;

    // AES-GCM instances under the key, kept for reuse: making one per value set up an OpenSSL cipher context each
    // time, which the population look-up's profile showed beside its database call (a masked person decrypts one to
    // three values). An instance is not safe for two threads at once, so each call takes one (or makes one) and puts
    // it back; the bag holds at most as many as were ever in use at once.
    private readonly ConcurrentBag<AesGcm> _ciphers = [];

    /// <summary>A protector under <paramref name="key"/> (32 bytes).</summary>
    public SecretProtector(byte[] key)
    {
        if (key.Length != 32) throw new ArgumentException("The key must be 32 bytes.", nameof(key));
        _key = key;
    }

    /// <summary>
    /// A protector whose key is the base64 value of <paramref name="keySetting"/> (e.g. <c>Mediation:KeyEncryptionKey</c>),
    /// or, when that is unset, the contents of the file named by <c>{keySetting}File</c> (relative to
    /// <paramref name="contentRoot"/>), created with a fresh random key when missing (standalone only).
    /// </summary>
    /// <exception cref="InvalidOperationException">No key is configured, or it is not base64 of 32 bytes.</exception>
    public static SecretProtector FromConfiguration(IConfiguration configuration, string keySetting, string contentRoot)
    {
        var encoded = configuration[keySetting];
        var file = configuration[keySetting + "File"];
        if (string.IsNullOrWhiteSpace(encoded) && !string.IsNullOrWhiteSpace(file))
            encoded = ReadOrCreateKeyFile(Path.GetFullPath(file, contentRoot));
        if (string.IsNullOrWhiteSpace(encoded))
            throw new InvalidOperationException(
                $"{keySetting} is not set: give it base64 of 32 random bytes from a secret (e.g. `openssl rand -base64 32`).");
        byte[] key;
        try { key = Convert.FromBase64String(encoded.Trim()); }
        catch (FormatException) { throw new InvalidOperationException($"{keySetting} is not valid base64."); }
        return key.Length == 32 ? new SecretProtector(key) : throw new InvalidOperationException($"{keySetting} must be 32 bytes (base64 of 32 random bytes).");
    }

    /// <summary>Encrypts <paramref name="plaintext"/> for <paramref name="purpose"/>.</summary>
    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var output = new byte[1 + 12 + 16 + plaintext.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, 12);
        RandomNumberGenerator.Fill(nonce);
        var aes = Rent();
        aes.Encrypt(nonce, plaintext, output.AsSpan(29), output.AsSpan(13, 16), Encoding.UTF8.GetBytes(purpose));
        _ciphers.Add(aes);
        return output;
    }

    /// <summary>Decrypts what <see cref="Protect"/> encrypted for the same <paramref name="purpose"/>.</summary>
    /// <exception cref="CryptographicException">The value was altered, belongs to another purpose, or another key encrypted it.</exception>
    public byte[] Unprotect(ReadOnlySpan<byte> protectedValue, string purpose)
    {
        if (protectedValue.Length < 29 || protectedValue[0] != Version)
            throw new CryptographicException("Not a protected value of a known version.");
        var plaintext = new byte[protectedValue.Length - 29];
        var aes = Rent();
        // A value that fails to decrypt (tampered, another purpose) throws here: that instance is dropped, not reused.
        aes.Decrypt(protectedValue.Slice(1, 12), protectedValue[29..], protectedValue.Slice(13, 16), plaintext, Encoding.UTF8.GetBytes(purpose));
        _ciphers.Add(aes);
        return plaintext;
    }

    private AesGcm Rent() => _ciphers.TryTake(out var aes) ? aes : new AesGcm(_key, 16);

    /// <summary>
    /// A key of <paramref name="length"/> bytes derived from this protector's key for <paramref name="purpose"/>
    /// (HKDF-SHA256): for a library that wants a key of its own, such as the token encryption key,
    /// so that every replica holding the one configured secret derives the same key without storing it.
    /// </summary>
    public byte[] DeriveKey(string purpose, int length) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, length, info: Encoding.UTF8.GetBytes(purpose));

    private static string ReadOrCreateKeyFile(string path)
    {
        if (File.Exists(path)) return File.ReadAllText(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var encoded = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // Readable by the owner only: whoever reads it can decrypt everything the key protects.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(path, Encoding.ASCII, options)) file.Write(encoded);
        return encoded;
    }
}
