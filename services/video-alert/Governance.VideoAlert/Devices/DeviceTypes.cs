namespace Governance.VideoAlert.Devices;

/// <summary>The GB/T 28181 type codes (digits 11–13 of a device id) that alarm intake meets, by name.</summary>
public static class DeviceTypes
{
    public const int Dvr = 111;
    public const int Nvr = 118;
    public const int Camera = 131;
    public const int IpCamera = 132;
    public const int AlarmInput = 134;
    public const int AlarmOutput = 135;
    public const int CentreServer = 200;
    public const int BusinessGroup = 215;
    public const int VirtualOrganisation = 216;

    private static readonly Dictionary<int, string> Names = new()
    {
        [Dvr] = "DVR",
        [Nvr] = "NVR",
        [Camera] = "camera",
        [IpCamera] = "IP camera",
        [AlarmInput] = "alarm input",
        [AlarmOutput] = "alarm output",
        [CentreServer] = "centre server",
        [BusinessGroup] = "business group",
        [VirtualOrganisation] = "virtual organisation",
    };

    public static string? NameOf(int typeCode) => Names.GetValueOrDefault(typeCode);

    /// <summary>A platform (centre server) registers on behalf of its cameras and may forward their alarms.</summary>
    public static bool IsPlatform(int typeCode) => typeCode == CentreServer;
}
