using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Alerts;

namespace Governance.VideoAlert.Tests.Alerts;

/// <summary>GB/T 28181 AlarmMethod and AlarmType (DOMAIN.md) to the centre's kinds, priority and method words.</summary>
public sealed class AlarmNormaliserTests
{
    [Theory]
    [InlineData(2, 1, "video_loss", "device")]
    [InlineData(2, 2, "tampering", "device")]
    [InlineData(2, 3, "storage_fault", "device")]
    [InlineData(2, 4, "other", "device")]
    [InlineData(5, 1, "other", "video")]
    [InlineData(5, 2, "other", "video")]
    [InlineData(5, 3, "abandoned_object", "video")]
    [InlineData(5, 4, "other", "video")]
    [InlineData(5, 5, "intrusion", "video")]
    [InlineData(5, 6, "intrusion", "video")]
    [InlineData(5, 8, "other", "video")]
    [InlineData(5, 9, "crowd_density", "video")]
    [InlineData(5, 10, "crowd_density", "video")]
    [InlineData(5, 11, "video_loss", "video")]
    [InlineData(5, null, "other", "video")]
    [InlineData(6, 1, "storage_fault", "device_fault")]
    [InlineData(6, 2, "other", "device_fault")]
    [InlineData(1, 1, "other", "phone")]
    [InlineData(3, null, "other", "sms")]
    [InlineData(4, null, "other", "gps")]
    [InlineData(7, 6, "other", "other")]
    public void Codes_name_a_kind_and_a_method(int method, int? type, string kind, string methodWord)
    {
        var (k, priority, m) = AlarmNormaliser.Normalise(Alarm(method, type, priority: 2));
        Assert.Equal((kind, 2, methodWord), (k, priority, m));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(4, 4)]
    [InlineData(9, 4)]
    public void A_priority_outside_1_to_4_is_clamped(int sent, int normalised) =>
        Assert.Equal(normalised, AlarmNormaliser.Normalise(Alarm(5, 6, sent)).Priority);

    [Fact]
    public void A_webhook_alarm_keeps_the_kind_it_named_and_an_unknown_kind_is_other()
    {
        Assert.Equal("fire_smoke", AlarmNormaliser.Normalise(Alarm(5, 6, 1, kind: "fire_smoke")).Kind);
        Assert.Equal("other", AlarmNormaliser.Normalise(Alarm(5, 6, 1, kind: "face_match")).Kind);
    }

    private static Alarm Alarm(int method, int? type, int priority, string? kind = null) => new()
    {
        CameraId = "63280100001320000001", SenderId = "63280100001320000001", Sn = "1", Method = method, AlarmType = type, Priority = priority,
        OrgPath = "632801", Kind = kind,
    };
}
