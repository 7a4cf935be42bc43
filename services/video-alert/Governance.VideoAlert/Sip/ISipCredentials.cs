namespace Governance.VideoAlert.Sip;

/// <summary>
/// Who may register: the password a device (or the lower platform it belongs to) authenticates with. The service
/// backs it with its camera registry; null means the device is unknown (answered 404).
/// </summary>
public interface ISipCredentials
{
    ValueTask<SipCredential?> FindAsync(string deviceId, CancellationToken cancellationToken);
}

/// <summary>A device's digest password; <paramref name="Scope"/> says whether it is its own or its platform's shared one.</summary>
public sealed record SipCredential(string Password, SipCredentialScope Scope = SipCredentialScope.Device);

public enum SipCredentialScope
{
    Device,
    Platform,
}
