using System.Text;
using Governance.VideoAlert.Sip;

namespace Governance.VideoAlert.Tests.Sip;

public class ManscdpParserTests
{
    static ManscdpParserTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Alarm = """
        <?xml version="1.0" encoding="GB2312"?>
        <Notify>
          <CmdType>Alarm</CmdType>
          <SN>17430</SN>
          <DeviceID>64010000001340000001</DeviceID>
          <AlarmPriority>1</AlarmPriority>
          <AlarmMethod>5</AlarmMethod>
          <AlarmTime>2009-12-04T16:23:32</AlarmTime>
          <AlarmDescription>区域入侵报警</AlarmDescription>
          <Longitude>94.9</Longitude><Latitude>36.4</Latitude>
          <Info><AlarmType>6</AlarmType></Info>
        </Notify>
        """;

    private static byte[] Gb2312(string text) => Encoding.GetEncoding("GB2312").GetBytes(text);

    [Fact]
    public void A_GB2312_alarm_declared_in_its_XML_is_read_into_a_record()
    {
        var result = ManscdpParser.Parse(Gb2312(Alarm), "Application/MANSCDP+xml");

        var alarm = Assert.IsType<AlarmNotify>(result.Notify);
        Assert.Equal("17430", alarm.Sn);
        Assert.Equal("64010000001340000001", alarm.DeviceId.Value);
        Assert.Equal((1, 5, 6), (alarm.Priority, alarm.Method, alarm.AlarmType));
        Assert.Equal(new DateTime(2009, 12, 4, 16, 23, 32), alarm.AlarmTime);
        Assert.Equal("区域入侵报警", alarm.Description);
        Assert.Equal((94.9, 36.4), (alarm.Longitude, alarm.Latitude));
    }

    [Fact]
    public void The_forward_only_read_keeps_the_DOM_rules_CDATA_comments_the_first_of_a_name_and_the_first_Info()
    {
        var text = Alarm.Replace("GB2312", "UTF-8")
            .Replace("<AlarmDescription>区域入侵报警</AlarmDescription>", "<AlarmDescription> <![CDATA[区域<入侵>]]><!-- x -->报警 </AlarmDescription><alarmdescription>second</alarmdescription>")
            .Replace("<SN>17430</SN>", "<Extra><Deep>ignored</Deep></Extra><SN>17430</SN><sn>99</sn>")
            .Replace("<Info><AlarmType>6</AlarmType></Info>", "<INFO><alarmTYPE> 6 </alarmTYPE></INFO><Info><AlarmType>3</AlarmType></Info>");
        var alarm = Assert.IsType<AlarmNotify>(ManscdpParser.Parse(Encoding.UTF8.GetBytes(text), "application/manscdp+xml").Notify);
        Assert.Equal(("17430", 6, "区域<入侵>报警"), (alarm.Sn, alarm.AlarmType, alarm.Description));
    }

    [Theory]
    [InlineData("<Notify><CmdType>Alarm</CmdType></Notify><Notify/>")]
    [InlineData("<Notify><CmdType>Alarm</CmdType></Notify><!-- open")]
    [InlineData("<Notify><CmdType>Alarm</CmdType><SN>1</sn></Notify>")]
    public void A_body_malformed_anywhere_is_refused_even_after_the_fields_intake_reads(string xml)
    {
        var result = ManscdpParser.Parse(Encoding.UTF8.GetBytes(xml), "application/manscdp+xml");
        Assert.StartsWith("body is not well-formed XML", result.Error);
    }

    [Fact]
    public void The_Content_Type_charset_wins_over_a_missing_declaration()
    {
        var body = Gb2312(Alarm.Replace("""<?xml version="1.0" encoding="GB2312"?>""", ""));
        var alarm = (AlarmNotify)ManscdpParser.Parse(body, "Application/MANSCDP+xml; charset=GB2312").Notify!;
        Assert.Equal("区域入侵报警", alarm.Description);
    }

    [Fact]
    public void A_UTF8_body_with_lower_case_tags_is_read()
    {
        var text = Alarm.Replace("GB2312", "UTF-8").Replace("<Info>", "<info>").Replace("</Info>", "</info>")
            .Replace("<AlarmType>", "<alarmtype>").Replace("</AlarmType>", "</alarmtype>")
            .Replace("<DeviceID>", "<DEVICEID>").Replace("</DeviceID>", "</DEVICEID>");
        var alarm = (AlarmNotify)ManscdpParser.Parse(Encoding.UTF8.GetBytes(text), "application/manscdp+xml").Notify!;
        Assert.Equal(6, alarm.AlarmType);
        Assert.Equal("64010000001340000001", alarm.DeviceId.Value);
        Assert.Equal("区域入侵报警", alarm.Description);
    }

    [Fact]
    public void Optional_fields_may_be_absent()
    {
        var text = """<?xml version="1.0"?><Notify><CmdType>Alarm</CmdType><SN>1</SN><DeviceID>64010000001310000001</DeviceID><AlarmPriority>4</AlarmPriority><AlarmMethod>2</AlarmMethod><AlarmTime>2026-11-29T08:00:00</AlarmTime></Notify>""";
        var alarm = (AlarmNotify)ManscdpParser.Parse(Encoding.UTF8.GetBytes(text), null).Notify!;
        Assert.Equal((null, null, null, (int?)null), (alarm.Description, alarm.Longitude, alarm.Latitude, alarm.AlarmType));
    }

    [Fact]
    public void A_keepalive_is_read()
    {
        var text = "<?xml version=\"1.0\" encoding=\"GB2312\"?>\r\n<Notify>\r\n<CmdType>Keepalive</CmdType>\r\n<SN>43</SN>\r\n<DeviceID>34020000001320000001</DeviceID>\r\n<Status>OK</Status>\r\n</Notify>\r\n";
        var keepalive = Assert.IsType<KeepaliveNotify>(ManscdpParser.Parse(Gb2312(text), null).Notify);
        Assert.Equal(("43", "34020000001320000001", "OK"), (keepalive.Sn, keepalive.DeviceId.Value, keepalive.Status));
    }

    [Theory]
    [InlineData("<AlarmPriority>1</AlarmPriority>", "<AlarmPriority>9</AlarmPriority>", "<AlarmPriority> '9' is not a whole number 1-4")]
    [InlineData("<AlarmPriority>1</AlarmPriority>", "", "<AlarmPriority> is missing")]
    [InlineData("<AlarmMethod>5</AlarmMethod>", "<AlarmMethod>x</AlarmMethod>", "<AlarmMethod> 'x' is not a whole number 1-7")]
    [InlineData("<AlarmTime>2009-12-04T16:23:32</AlarmTime>", "<AlarmTime>yesterday</AlarmTime>", "<AlarmTime> 'yesterday' is not yyyy-MM-ddTHH:mm:ss")]
    [InlineData("<Longitude>94.9</Longitude>", "<Longitude>194.9</Longitude>", "<Longitude> '194.9' is not a number -180 to 180")]
    [InlineData("<DeviceID>64010000001340000001</DeviceID>", "<DeviceID>6401</DeviceID>", "<DeviceID>: device id '6401' has 4 characters")]
    [InlineData("<SN>17430</SN>", "", "<SN> is missing")]
    [InlineData("<AlarmType>6</AlarmType>", "<AlarmType>0</AlarmType>", "<Info><AlarmType> '0' is not a whole number 1-99")]
    [InlineData("</Notify>", "</Notfy>", "body is not well-formed XML")]
    public void A_bad_alarm_is_refused_with_the_element_and_rule(string from, string to, string reason)
    {
        var result = ManscdpParser.Parse(Gb2312(Alarm.Replace(from, to)), null);
        Assert.Null(result.Notify);
        Assert.StartsWith(reason, result.Error);
    }

    [Fact]
    public void Bytes_that_are_not_GB2312_or_an_unknown_charset_are_refused()
    {
        byte[] broken = [.. Gb2312("<?xml version=\"1.0\" encoding=\"GB2312\"?><Notify><SN>"), 0x81, 0x7F, .. "</SN></Notify>"u8];
        Assert.StartsWith("body is not valid gb2312 at byte", ManscdpParser.Parse(broken, null).Error);
        Assert.Equal("charset 'x-klingon' is not known", ManscdpParser.Parse(Gb2312(Alarm), "Application/MANSCDP+xml;charset=x-klingon").Error);
        Assert.Equal("MANSCDP body is empty", ManscdpParser.Parse([], null).Error);
    }

    [Fact]
    public void A_DTD_is_refused()
    {
        var text = "<?xml version=\"1.0\"?><!DOCTYPE Notify [<!ENTITY x \"y\">]><Notify><CmdType>&x;</CmdType></Notify>";
        Assert.StartsWith("body is not well-formed XML", ManscdpParser.Parse(Encoding.UTF8.GetBytes(text), null).Error);
    }

    [Fact]
    public void A_well_formed_command_intake_does_not_take_is_named()
    {
        var text = "<?xml version=\"1.0\"?><Response><CmdType>Catalog</CmdType><SN>1</SN></Response>";
        Assert.Equal("<Response> Catalog", ManscdpParser.Parse(Encoding.UTF8.GetBytes(text), null).UnsupportedCommand);
    }
}
