using System.Net;
using System.Text.RegularExpressions;

namespace Governance.Console.Text;

/// <summary>Search's record types, states and codes in words, and its highlight markup turned into plain pieces.</summary>
public static partial class SearchText
{
    public static string Type(ConsoleLanguage l, string type) => type switch
    {
        "incident" => l.T("事件", "Incident"),
        "dispute" => l.T("矛盾纠纷", "Dispute"),
        "house" => l.T("房屋", "House"),
        "alert" => l.T("视频告警", "Video alert"),
        "camera" => l.T("摄像机", "Camera"),
        "grid" => l.T("网格", "Grid"),
        _ => type,
    };

    /// <summary>A state of any record type: the incident loop's own words first, then cases', alerts' and cameras'.</summary>
    public static string Status(ConsoleLanguage l, string status) => status switch
    {
        "escalated" => l.T("已升级", "Escalated"),
        "settled" => l.T("调解成功", "Settled"),
        "partially_settled" => l.T("部分调解成功", "Partly settled"),
        "failed" => l.T("调解失败", "Failed"),
        "declined" => l.T("不予受理", "Declined"),
        "withdrawn" => l.T("已撤回", "Withdrawn"),
        "followed_up" => l.T("已回访", "Followed up"),
        "open" => l.T("待处理", "Open"),
        "routed" => l.T("已分派", "Routed"),
        "acknowledged" => l.T("已确认", "Acknowledged"),
        "online" => l.T("在线", "Online"),
        "offline" => l.T("离线", "Offline"),
        _ => IncidentText.State(l, status),
    };

    /// <summary>One piece of a highlighted fragment: text, and whether the search matched it.</summary>
    public sealed record Piece(string Text, bool Matched);

    /// <summary>
    /// Search's highlight (HTML-escaped text with matches in <c>&lt;em&gt;</c>) as plain pieces: only the exact
    /// <c>&lt;em&gt;</c>/<c>&lt;/em&gt;</c> markers mean anything, every other character is decoded to text, which Razor
    /// encodes again when it renders it. So nothing the service sends is ever put into the page as markup.
    /// </summary>
    public static IReadOnlyList<Piece> Pieces(string? highlight)
    {
        if (string.IsNullOrEmpty(highlight)) return [];
        var pieces = new List<Piece>();
        var matched = false;
        foreach (var part in Marker().Split(highlight))
        {
            if (part == "<em>") matched = true;
            else if (part == "</em>") matched = false;
            else if (part.Length > 0) pieces.Add(new Piece(WebUtility.HtmlDecode(part), matched));
        }
        return pieces;
    }

    [GeneratedRegex("(<em>|</em>)")]
    private static partial Regex Marker();
}
