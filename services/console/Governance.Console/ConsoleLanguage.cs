using Microsoft.AspNetCore.Http;
using Governance.ServiceDefaults.Problems;

namespace Governance.Console;

public enum Language { Chinese, English }

/// <summary>
/// The console's language, chosen as the services choose theirs (ADR 0012): Chinese unless the browser's
/// <c>Accept-Language</c> prefers English, or the user switched with the language link (a cookie, which wins). The
/// services' refusals come back in the same language, because the console sends it as <c>Accept-Language</c>.
/// </summary>
public sealed class ConsoleLanguage
{
    public const string Cookie = "governance-console-lang";

    public Language Current { get; set; } = Language.Chinese;

    public bool IsEnglish => Current == Language.English;

    /// <summary>The text in the current language: Chinese first, English second.</summary>
    public string T(string chinese, string english) => IsEnglish ? english : chinese;

    public string AcceptLanguage => IsEnglish ? "en" : "zh-CN";

    public static Language Of(HttpRequest request) =>
        request.Cookies[Cookie] switch
        {
            "en" => Language.English,
            "zh" => Language.Chinese,
            _ => UserLanguages.Of(request) == UserLanguage.English ? Language.English : Language.Chinese,
        };
}
