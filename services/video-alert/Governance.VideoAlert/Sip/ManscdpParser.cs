using System.Globalization;
using System.Text;
using System.Xml;
using Governance.VideoAlert.Devices;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// Reads MANSCDP+xml bodies: the charset from Content-Type, else the XML declaration, else UTF-8; GB2312/GBK as most
/// devices send. Tag names compare case-insensitively (some senders write &lt;info&gt; or &lt;deviceid&gt;). Every refusal
/// names the element and the rule, for the 400's Warning.
/// </summary>
public static class ManscdpParser
{
    static ManscdpParser() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public const string MediaType = "application/manscdp+xml";

    public static bool IsManscdp(string? contentType) =>
        contentType is not null && contentType.Split(';')[0].Trim().Equals(MediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The body's command, parsed; or an error. <c>Unsupported</c> is true for a well-formed command intake does not take.</summary>
    public static ManscdpResult Parse(byte[] body, string? contentType)
    {
        if (body.Length == 0) return ManscdpResult.Fail("MANSCDP body is empty");
        var decoded = Decode(body, contentType);
        if (decoded.Error is not null) return ManscdpResult.Fail(decoded.Error);

        ManscdpFields root;
        try
        {
            root = ManscdpFields.Read(decoded.Text!);
        }
        catch (XmlException e)
        {
            return ManscdpResult.Fail($"body is not well-formed XML: {e.Message}");
        }

        var cmdType = root.Text("CmdType");
        if (!root.Name.Equals("Notify", StringComparison.OrdinalIgnoreCase))
            return ManscdpResult.Unsupported($"<{root.Name}> {cmdType}");
        if (cmdType is null) return ManscdpResult.Fail("<Notify> has no <CmdType>");
        if (root.Text("SN") is not { Length: > 0 } sn) return ManscdpResult.Fail("<SN> is missing");
        if (!DeviceId.TryParse(root.Text("DeviceID"), out var deviceId, out var idReason))
            return ManscdpResult.Fail($"<DeviceID>: {idReason}");

        if (cmdType.Equals("Keepalive", StringComparison.OrdinalIgnoreCase))
            return ManscdpResult.Ok(new KeepaliveNotify(sn, deviceId, root.Text("Status") ?? "OK"));
        if (cmdType.Equals("Alarm", StringComparison.OrdinalIgnoreCase))
            return ParseAlarm(root, sn, deviceId);
        return ManscdpResult.Unsupported($"<Notify> {cmdType}");
    }

    private static ManscdpResult ParseAlarm(ManscdpFields root, string sn, DeviceId deviceId)
    {
        if (!TryInt(root, "AlarmPriority", 1, 4, required: true, out var priority, out var error)) return ManscdpResult.Fail(error);
        if (!TryInt(root, "AlarmMethod", 1, 7, required: true, out var method, out error)) return ManscdpResult.Fail(error);
        if (root.Text("AlarmTime") is not { } timeText) return ManscdpResult.Fail("<AlarmTime> is missing");
        if (!DateTime.TryParseExact(timeText, ["yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFF", "yyyy-MM-dd HH:mm:ss"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            return ManscdpResult.Fail($"<AlarmTime> '{timeText}' is not yyyy-MM-ddTHH:mm:ss");
        if (!TryDouble(root, "Longitude", -180, 180, out var longitude, out error)) return ManscdpResult.Fail(error);
        if (!TryDouble(root, "Latitude", -90, 90, out var latitude, out error)) return ManscdpResult.Fail(error);
        int? alarmType = null;
        if (root.Info is { } info)
        {
            if (!TryInt(info, "AlarmType", 1, 99, required: false, out var type, out error)) return ManscdpResult.Fail($"<Info>{error}");
            alarmType = type;
        }
        var description = root.Text("AlarmDescription");
        return ManscdpResult.Ok(new AlarmNotify(sn, deviceId, priority!.Value, method!.Value, time,
            string.IsNullOrEmpty(description) ? null : description, longitude, latitude, alarmType));
    }

    private static (string? Text, string? Error) Decode(byte[] body, string? contentType)
    {
        var charset = CharsetOf(contentType) ?? DeclaredEncoding(body);
        var encoding = charset is null ? StrictUtf8 : StrictEncoding(charset);
        if (encoding is null) return (null, $"charset '{charset}' is not known");
        try
        {
            var text = encoding.GetString(body);
            return (text.TrimStart('\uFEFF'), null);
        }
        catch (DecoderFallbackException e)
        {
            return (null, $"body is not valid {encoding.WebName} at byte {e.Index}");
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>
    /// Strict decoders by charset name, made once: <c>Encoding.GetEncoding</c> with fallbacks clones the encoding and takes
    /// the code-page provider's lock on every call, which showed in the intake's CPU profile under load. Names come from
    /// devices, so the cache is bounded; beyond it a decoder is made per message, as before.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Encoding?> Strict = new(StringComparer.OrdinalIgnoreCase);
    private const int MaxCachedCharsets = 32;

    private static Encoding? StrictEncoding(string charset)
    {
        if (Strict.TryGetValue(charset, out var cached)) return cached;
        Encoding? encoding;
        try
        {
            encoding = Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            encoding = null;
        }
        if (Strict.Count < MaxCachedCharsets) Strict.TryAdd(charset, encoding);
        return encoding;
    }

    private static string? CharsetOf(string? contentType)
    {
        if (contentType is null) return null;
        var semi = contentType.IndexOf(';');
        return semi < 0 ? null : SipGrammar.Parameters(contentType[(semi + 1)..]).GetValueOrDefault("charset") is { Length: > 0 } c ? c : null;
    }

    /// <summary>The encoding="..." of an &lt;?xml ...?&gt; declaration, read as ASCII (it precedes any non-ASCII text).</summary>
    private static string? DeclaredEncoding(byte[] body)
    {
        var span = body.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return null;
        var end = span.IndexOf("?>"u8);
        if (!span.StartsWith("<?xml"u8) || end < 0) return null;
        var declaration = Encoding.ASCII.GetString(span[..end]);
        var at = declaration.IndexOf("encoding", StringComparison.OrdinalIgnoreCase);
        if (at < 0) return null;
        var rest = declaration[(at + 8)..].TrimStart().TrimStart('=').TrimStart();
        if (rest.Length == 0 || (rest[0] != '"' && rest[0] != '\'')) return null;
        var close = rest.IndexOf(rest[0], 1);
        return close < 0 ? null : rest[1..close];
    }

    private static bool TryInt(ManscdpFields parent, string name, int min, int max, bool required, out int? value, out string error)
    {
        value = null;
        error = "";
        var text = parent.Text(name);
        if (string.IsNullOrEmpty(text))
        {
            if (required) error = $"<{name}> is missing";
            return !required;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            error = $"<{name}> '{text}' is not a whole number {min}-{max}";
            return false;
        }
        value = number;
        return true;
    }

    private static bool TryDouble(ManscdpFields parent, string name, double min, double max, out double? value, out string error)
    {
        value = null;
        error = "";
        var text = parent.Text(name);
        if (string.IsNullOrEmpty(text)) return true;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
        {
            error = $"<{name}> '{text}' is not a number {min} to {max}";
            return false;
        }
        value = number;
        return true;
    }
}

/// <summary>A parsed body, a refusal (400), or a well-formed command intake does not take.</summary>
public sealed record ManscdpResult(ManscdpNotify? Notify, string? Error, string? UnsupportedCommand)
{
    public static ManscdpResult Ok(ManscdpNotify notify) => new(notify, null, null);

    public static ManscdpResult Fail(string error) => new(null, error, null);

    public static ManscdpResult Unsupported(string command) => new(null, null, command);
}
