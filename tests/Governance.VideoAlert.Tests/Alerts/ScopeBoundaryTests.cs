using System.Reflection;
using System.Text;
using System.Text.Json;
using Governance.Contracts.VideoAlert;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Sip;

namespace Governance.VideoAlert.Tests.Alerts;

/// <summary>
/// ARCHITECTURE's scope boundary for video alerts: about events and devices, never people. No stored, served or
/// published member may be named for a face, a person, a plate or an identity document, and the MANSCDP parser keeps
/// nothing a device adds beyond the alarm's own fields.
/// </summary>
public sealed class ScopeBoundaryTests
{
    /// <summary>Words that would name data about a person; matched in lower-case member names, without separators.</summary>
    public static readonly string[] DenyList =
    [
        "face", "person", "people", "plate", "licence", "license", "idcard", "idnumber", "identitycard", "passport", "citizen",
        "resident", "driver", "fullname", "firstname", "lastname", "surname", "realname", "gender", "ethnic", "biometric", "gait", "voiceprint",
    ];

    public static IEnumerable<string> Offending(IEnumerable<string> names) =>
        names.Where(n => DenyList.Any(word => n.Replace("_", "").Replace("-", "").ToLowerInvariant().Contains(word)));

    [Fact]
    public void Alerts_alarms_their_views_and_events_have_no_member_about_a_person()
    {
        Type[] types =
        [
            typeof(Alert), typeof(Alarm), typeof(AlertView), typeof(AlertDetailView), typeof(AlarmView), typeof(AlertSeed), typeof(AlarmNotify),
            typeof(AcknowledgeRequest),
            .. typeof(AlertRaised).Assembly.GetTypes().Where(t => t.Namespace == typeof(AlertRaised).Namespace),
        ];
        var members = types.SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m is PropertyInfo or FieldInfo).Select(m => $"{t.Name}.{m.Name}")).ToList();

        Assert.Contains("Alert.CameraId", members);
        Assert.Empty(Offending(members));
        Assert.Empty(Offending(AlertKinds.All));
    }

    [Fact]
    public void A_device_sending_more_than_the_alarm_keeps_nothing_of_it()
    {
        const string plain = """
            <?xml version="1.0" encoding="GB2312"?>
            <Notify><CmdType>Alarm</CmdType><SN>7</SN><DeviceID>64010000001340000001</DeviceID><AlarmPriority>1</AlarmPriority>
            <AlarmMethod>5</AlarmMethod><AlarmTime>2026-11-29T08:00:00</AlarmTime><AlarmDescription>区域入侵</AlarmDescription>
            <Info><AlarmType>6</AlarmType></Info></Notify>
            """;
        var extra = plain.Replace("<Info>", "<PlateNumber>青H12345</PlateNumber><FaceImage>base64</FaceImage><Info><PersonName>张三</PersonName>")
            .Replace("</Notify>", "<IDCard>632801199001011234</IDCard></Notify>");
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gb = Encoding.GetEncoding("GB2312");

        var kept = Assert.IsType<AlarmNotify>(ManscdpParser.Parse(gb.GetBytes(extra), "Application/MANSCDP+xml").Notify);

        Assert.Equal(Assert.IsType<AlarmNotify>(ManscdpParser.Parse(gb.GetBytes(plain), "Application/MANSCDP+xml").Notify), kept);
        Assert.DoesNotContain("青H", JsonSerializer.Serialize(kept));
        Assert.DoesNotContain("张三", JsonSerializer.Serialize(kept));
    }
}
