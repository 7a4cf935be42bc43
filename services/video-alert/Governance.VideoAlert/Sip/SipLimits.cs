namespace Governance.VideoAlert.Sip;

/// <summary>
/// Size limits on what a peer may send. GB/T 28181 notifications are a few hundred bytes; the limits keep a broken or
/// hostile peer from making the listener buffer without bound.
/// </summary>
public sealed record SipLimits
{
    /// <summary>Start line and headers together, up to the blank line.</summary>
    public int MaxHeaderBytes { get; init; } = 8 * 1024;

    public int MaxHeaders { get; init; } = 64;

    public int MaxBodyBytes { get; init; } = 64 * 1024;

    public static SipLimits Default { get; } = new();
}
