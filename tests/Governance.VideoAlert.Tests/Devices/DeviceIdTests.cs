using Governance.VideoAlert.Devices;

namespace Governance.VideoAlert.Tests.Devices;

public class DeviceIdTests
{
    [Fact]
    public void A_camera_id_splits_into_its_five_fields()
    {
        var id = DeviceId.Parse("64010000001320000001");

        Assert.Equal("64010000", id.CentreCode);
        Assert.Equal("640100", id.DivisionCode);
        Assert.Equal("00", id.IndustryCode);
        Assert.Equal(132, id.TypeCode);
        Assert.Equal("IP camera", id.TypeName);
        Assert.Equal(0, id.NetworkCode);
        Assert.Equal("000001", id.Serial);
        Assert.Equal("6401000000", id.Domain);
    }

    [Theory]
    [InlineData(111, "DVR")]
    [InlineData(118, "NVR")]
    [InlineData(131, "camera")]
    [InlineData(134, "alarm input")]
    [InlineData(135, "alarm output")]
    [InlineData(200, "centre server")]
    [InlineData(215, "business group")]
    [InlineData(216, "virtual organisation")]
    [InlineData(999, null)]
    public void Known_type_codes_are_named(int code, string? name)
    {
        var id = DeviceId.Parse($"3402000000{code:D3}0000001");
        Assert.Equal(name, id.TypeName);
    }

    [Theory]
    [InlineData(null, "device id is empty")]
    [InlineData("", "device id is empty")]
    [InlineData("3402000000132000000", "has 19 characters, not 20 digits")]
    [InlineData("340200000013200000011", "has 21 characters, not 20 digits")]
    [InlineData("3402A000001320000001", "non-digit at position 5 (centre code)")]
    [InlineData("34020000X01320000001", "non-digit at position 9 (industry code)")]
    [InlineData("3402000000132X000001", "non-digit at position 14 (network code)")]
    [InlineData("340200000013200000-1", "non-digit at position 19 (serial number)")]
    [InlineData("00000000001320000001", "no administrative division code")]
    public void A_malformed_id_is_refused_with_the_field_at_fault(string? value, string reason)
    {
        Assert.False(DeviceId.TryParse(value, out _, out var why));
        Assert.Contains(reason, why);
    }
}
