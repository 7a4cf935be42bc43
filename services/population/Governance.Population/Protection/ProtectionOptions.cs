namespace Governance.Population.Protection;

/// <summary>
/// The keys that protect identity numbers and phones. Each encryption key has an id, stored with
/// every value it encrypts, so a new key can become current while values under older ones still read:
/// <code>
/// "Population": { "Protection": {
///     "CurrentKey": "2",
///     "Keys": { "1": { "Key": "base64 of 32 bytes" }, "2": { "KeyFile": "/run/secrets/population-2" } },
///     "LookupKey": "base64 of 32 bytes" } }
/// </code>
/// <c>LookupKey</c> (or <c>LookupKeyFile</c>) is the secret of the keyed hash that finds a number
/// without decrypting anything; it is not an encryption key and never rotates with them (every
/// hash would have to be recomputed).
/// </summary>
public static class ProtectionOptions
{
    public const string Section = "Population:Protection";
    public const string CurrentKey = Section + ":CurrentKey";
    public const string Keys = Section + ":Keys";
    public const string LookupKey = Section + ":LookupKey";
}
