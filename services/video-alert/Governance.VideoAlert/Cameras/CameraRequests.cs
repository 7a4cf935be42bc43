namespace Governance.VideoAlert.Cameras;

/// <summary>
/// A camera to register, as the console sends it (<c>POST /api/videoalert/cameras</c>). Either its own
/// <c>password</c> or the <c>platformId</c> of the lower platform that registers for it.
/// <code>{ "deviceId": "63280100001320000001", "name": "昆仑路与黄河路口", "longitude": 94.905, "latitude": 36.405,
///   "owner": "public", "keyArea": true, "password": "s3cret-Pass" }</code>
/// </summary>
public sealed record CameraRequest(string? DeviceId, string? Name, double? Longitude, double? Latitude, string? Owner, bool? KeyArea,
    string? Password, string? PlatformId);

/// <summary>
/// A change of a camera (<c>PATCH /api/videoalert/cameras/{deviceId}</c>): the version read, and only the fields to
/// change. A new point (both coordinates) places it again in its grid; a new <c>password</c> replaces its own.
/// </summary>
public sealed record CameraPatch(int? Version, string? Name, double? Longitude, double? Latitude, string? Owner, bool? KeyArea, string? Password);

/// <summary>
/// Retires a camera (<c>POST /api/videoalert/cameras/{deviceId}/retire</c>): the version read and why it was taken down.
/// <code>{ "version": 3, "reason": "Pole removed for road works" }</code>
/// </summary>
public sealed record CameraRetirement(int? Version, string? Reason);

/// <summary>A lower platform that registers for its cameras (<c>POST /api/videoalert/platforms</c>).</summary>
public sealed record PlatformRequest(string? DeviceId, string? Name, string? OrgPath, string? Password);
