using System.Diagnostics.CodeAnalysis;

namespace Governance.VideoAlert.Devices;

/// <summary>
/// A GB/T 28181 device id: 20 digits = centre code 8 (division code 6 + unit 2), industry 2, type 3, network 1,
/// serial 6. Cameras, recorders, alarm inputs and platforms all carry one; it is the SIP user part they register with.
/// </summary>
public readonly record struct DeviceId
{
    public const int Length = 20;

    private DeviceId(string value) => Value = value;

    public string Value { get; }

    /// <summary>The centre code: the 6-digit administrative division code and 2 digits of unit.</summary>
    public string CentreCode => Value[..8];

    public string DivisionCode => Value[..6];

    public string IndustryCode => Value[8..10];

    public int TypeCode => int.Parse(Value.AsSpan(10, 3));

    public int NetworkCode => Value[13] - '0';

    public string Serial => Value[14..];

    /// <summary>The type's name when the code is one GB/T 28181 assigns and intake meets, else null.</summary>
    public string? TypeName => DeviceTypes.NameOf(TypeCode);

    /// <summary>The SIP domain a platform with this id is usually reached at: its first 10 digits.</summary>
    public string Domain => Value[..10];

    public static DeviceId Parse(string value) =>
        TryParse(value, out var id, out var reason) ? id : throw new FormatException(reason);

    /// <summary>Checks the shape only (no registry look-up): digits, length, and a network digit of 0–9.</summary>
    public static bool TryParse(string? value, out DeviceId id, [NotNullWhen(false)] out string? reason)
    {
        id = default;
        if (string.IsNullOrEmpty(value))
        {
            reason = "device id is empty";
            return false;
        }
        if (value.Length != Length)
        {
            reason = $"device id '{Shorten(value)}' has {value.Length} characters, not {Length} digits";
            return false;
        }
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                reason = $"device id '{value}' has a non-digit at position {i + 1} ({FieldAt(i)})";
                return false;
            }
        }
        if (value[..6] == "000000")
        {
            reason = $"device id '{value}' has no administrative division code (centre code digits 1-6 are 000000)";
            return false;
        }
        reason = null;
        id = new DeviceId(value);
        return true;
    }

    public override string ToString() => Value ?? "";

    private static string FieldAt(int i) => i switch
    {
        < 8 => "centre code",
        < 10 => "industry code",
        < 13 => "type code",
        13 => "network code",
        _ => "serial number",
    };

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
