namespace Governance.VideoAlert.Sip;

/// <summary>
/// Who may register: the password a device (or the lower platform it belongs to) authenticates with. The service
/// backs it with its camera registry; null means the device is unknown (answered 404).
/// </summary>
public interface ISipCredentials
{
    /// <summary>The device's credential as stored now (REGISTER checks its digest against it); null when unknown.</summary>
    ValueTask<SipCredential?> FindAsync(string deviceId, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the device is known, asked for every MESSAGE (a platform's burst of alarms): an implementation may answer
    /// from a cache of credentials it found, since a MESSAGE carries no digest to check against the password.
    /// </summary>
    async ValueTask<bool> IsKnownAsync(string deviceId, CancellationToken cancellationToken) => await FindAsync(deviceId, cancellationToken) is not null;
}

/// <summary>A device's digest password; <paramref name="Scope"/> says whether it is its own or its platform's shared one.</summary>
public sealed record SipCredential(string Password, SipCredentialScope Scope = SipCredentialScope.Device);

public enum SipCredentialScope
{
    Device,
    Platform,
}
