namespace Governance.VideoAlert.Sip;

/// <summary>
/// The platform's SIP identity and registration policy. JSON: "VideoAlert": { "Sip": { "Intake": { "PlatformId":
/// "34020000002000000001", "Domain": "3402000000", "DefaultExpires": 3600 } } }.
/// </summary>
public sealed class SipIntakeOptions
{
    /// <summary>The platform's own 20-digit GB/T 28181 id (a centre server, type 200).</summary>
    public string PlatformId { get; set; } = "34020000002000000001";

    /// <summary>The SIP domain and digest realm; GB/T 28181 uses the first 10 digits of the platform id.</summary>
    public string Domain { get; set; } = "3402000000";

    /// <summary>Granted when the REGISTER asks for no expiry.</summary>
    public int DefaultExpires { get; set; } = 3600;

    /// <summary>Shorter requests are answered 423 with Min-Expires (RFC 3261 §10.3).</summary>
    public int MinExpires { get; set; } = 60;

    /// <summary>Longer requests are granted this much.</summary>
    public int MaxExpires { get; set; } = 86_400;

    /// <summary>How long a challenge's nonce stays good.</summary>
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Refuse (403) MESSAGEs from a device that is not registered, or from another address than it registered from.
    /// GB/T 28181 MESSAGEs carry no authentication of their own; this is what stops a forged alarm.
    /// </summary>
    public bool RequireRegistration { get; set; } = true;
}
