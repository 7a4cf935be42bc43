namespace Governance.VideoAlert.Cameras;

/// <summary>A camera as the console shows it. Its SIP password is never returned; <c>OwnPassword</c> says whether it has one.</summary>
public sealed record CameraView(string DeviceId, int TypeCode, string? Kind, string Name, double Longitude, double Latitude, string GridCode, string OrgPath,
    string Owner, bool KeyArea, string? PlatformId, bool OwnPassword, string Status, DateTime? LastSeenAt, DateTime? RegisteredUntil,
    DateTime? FirstRegisteredAt, DateTime RegisteredAt, int Version, DateTime? RetiredAt, string? RetiredBy, string? RetireReason)
{
    public static CameraView Of(Camera c) => new(c.DeviceId, c.TypeCode, Devices.DeviceTypes.NameOf(c.TypeCode), c.Name, c.Longitude, c.Latitude,
        c.GridCode, c.OrgPath, c.Owner, c.KeyArea, c.PlatformId, c.SipPassword is not null, c.Status, c.LastSeenAt, c.RegisteredUntil,
        c.FirstRegisteredAt, c.RegisteredAt, c.Version, c.RetiredAt, c.RetiredBy, c.RetireReason);
}

/// <summary>A lower platform as the console shows it (never its password).</summary>
public sealed record PlatformView(string DeviceId, int TypeCode, string Name, string OrgPath, DateTime? LastSeenAt, DateTime? RegisteredUntil, DateTime RegisteredAt)
{
    public static PlatformView Of(SipPlatform p) => new(p.DeviceId, p.TypeCode, p.Name, p.OrgPath, p.LastSeenAt, p.RegisteredUntil, p.RegisteredAt);
}
