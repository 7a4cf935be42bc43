using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Identity.Security;

/// <summary>
/// Encrypts secrets at rest (signing keys, TOTP secrets) with AES-256-GCM under the key from
/// configuration. Each ciphertext is bound to its purpose (associated data), so a value copied from
/// one row to another does not decrypt. Layout: version (1) | nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class SecretProtector
{
    private const byte Version = 1;
    private readonly byte[] _key;

    public SecretProtector(IOptions<IdentityOptions> options, IHostEnvironment environment)
    {
        _key = LoadKey(options.Value, environment.ContentRootPath);
    }

    public byte[] Protect(ReadOnlySpan<byte> plaintext, string purpose)
    {
        var output = new byte[1 + 12 + 16 + plaintext.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, plaintext, output.AsSpan(29), output.AsSpan(13, 16), Encoding.UTF8.GetBytes(purpose));
        return output;
    }

    /// <exception cref="CryptographicException">The value was altered, belongs to another purpose, or another key encrypted it.</exception>
    public byte[] Unprotect(ReadOnlySpan<byte> protectedValue, string purpose)
    {
        if (protectedValue.Length < 29 || protectedValue[0] != Version)
            throw new CryptographicException("Not a protected value of a known version.");
        var plaintext = new byte[protectedValue.Length - 29];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(protectedValue.Slice(1, 12), protectedValue[29..], protectedValue.Slice(13, 16), plaintext, Encoding.UTF8.GetBytes(purpose));
        return plaintext;
    }

    private static byte[] LoadKey(IdentityOptions options, string contentRoot)
    {
        var encoded = options.KeyEncryptionKey;
        if (string.IsNullOrWhiteSpace(encoded) && !string.IsNullOrWhiteSpace(options.KeyEncryptionKeyFile))
            encoded = ReadOrCreateKeyFile(Path.GetFullPath(options.KeyEncryptionKeyFile, contentRoot));
        if (string.IsNullOrWhiteSpace(encoded))
            throw new InvalidOperationException(
                "Identity:KeyEncryptionKey is not set: give it base64 of 32 random bytes from a secret (e.g. `openssl rand -base64 32`).");
        byte[] key;
        try { key = Convert.FromBase64String(encoded.Trim()); }
        catch (FormatException) { throw new InvalidOperationException("Identity:KeyEncryptionKey is not valid base64."); }
        return key.Length == 32 ? key : throw new InvalidOperationException("Identity:KeyEncryptionKey must be 32 bytes (base64 of 32 random bytes).");
    }

    private static string ReadOrCreateKeyFile(string path)
    {
        if (File.Exists(path)) return File.ReadAllText(path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var encoded = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        // Readable by the owner only: whoever reads it can decrypt every signing key.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(path, Encoding.ASCII, options)) file.Write(encoded);
        return encoded;
    }
}
