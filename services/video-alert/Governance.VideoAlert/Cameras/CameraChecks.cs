using Governance.ServiceDefaults.Problems;
using Governance.VideoAlert.Devices;

namespace Governance.VideoAlert.Cameras;

/// <summary>The checks of a camera's and a platform's fields, each refusal naming the field at fault.</summary>
public static class CameraChecks
{
    public const string Public = "public";
    public const string Social = "social";
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 64;

    /// <summary>The type codes a camera of the registry may carry.</summary>
    public static readonly IReadOnlySet<int> CameraTypes = new HashSet<int> { DeviceTypes.Camera, DeviceTypes.IpCamera };

    /// <summary>The type codes of devices that register for cameras: a centre server (lower platform), a DVR or an NVR.</summary>
    public static readonly IReadOnlySet<int> PlatformTypes = new HashSet<int> { DeviceTypes.CentreServer, DeviceTypes.Dvr, DeviceTypes.Nvr };

    public static DeviceId Id(string? value, IReadOnlySet<int> types, string what, string field = "deviceId")
    {
        if (!DeviceId.TryParse(value?.Trim(), out var id, out var reason))
            throw DomainException.Invalid(field, $"The GB/T 28181 id is not valid: {reason}.");
        if (!types.Contains(id.TypeCode))
            throw DomainException.Invalid(field, $"Type code {id.TypeCode} (digits 11-13) is not a {what}'s; give one of {string.Join(", ", types.Order())}.");
        return id;
    }

    public static string Name(string? value)
    {
        var name = value?.Trim();
        if (string.IsNullOrEmpty(name)) throw DomainException.Invalid("name", "Give the camera's name.");
        if (name.Length > Camera.MaxNameLength) throw DomainException.Invalid("name", $"The camera's name must not be longer than {Camera.MaxNameLength} characters.");
        if (name.Any(char.IsControl)) throw DomainException.Invalid("name", "The camera's name must not hold control characters.");
        return name;
    }

    public static (double Longitude, double Latitude) Point(double? longitude, double? latitude)
    {
        if (longitude is not { } lng) throw DomainException.Invalid("longitude", "Give the camera's longitude (WGS84).");
        if (latitude is not { } lat) throw DomainException.Invalid("latitude", "Give the camera's latitude (WGS84).");
        if (!double.IsFinite(lng) || lng is < -180 or > 180) throw DomainException.Invalid("longitude", "The longitude must be between -180 and 180.");
        if (!double.IsFinite(lat) || lat is < -90 or > 90) throw DomainException.Invalid("latitude", "The latitude must be between -90 and 90.");
        return (lng, lat);
    }

    public static string Owner(string? value) => value?.Trim() switch
    {
        Public => Public,
        Social => Social,
        _ => throw DomainException.Invalid("owner", "The owner is public (a public-security or government camera) or social (a social resource networked in)."),
    };

    public static string Password(string? value)
    {
        if (value is null || value.Length is < MinPasswordLength or > MaxPasswordLength)
            throw DomainException.Invalid("password", $"The SIP password must be {MinPasswordLength} to {MaxPasswordLength} characters.");
        if (value.Any(c => c is < '!' or > '~'))
            throw DomainException.Invalid("password", "The SIP password must be printable ASCII without spaces, as devices accept it.");
        return value;
    }
}
