using Microsoft.AspNetCore.Http;

namespace Governance.ServiceDefaults.Problems;

/// <summary>The languages the platform answers people in: Chinese first, English as the other.</summary>
public enum UserLanguage
{
    /// <summary>zh-CN: the default, whatever the caller asks for unless it prefers English.</summary>
    Chinese,
    /// <summary>en: when <c>Accept-Language</c> prefers English.</summary>
    English,
}

public static class UserLanguages
{
    /// <summary>
    /// English when the caller's most preferred language (by <c>q</c>) among Chinese and English is
    /// English; Chinese otherwise, including when the header is absent or names neither.
    /// </summary>
    public static UserLanguage Of(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is null or > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(l => l.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || l.StartsWith("en", StringComparison.OrdinalIgnoreCase));
        return preferred?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true ? UserLanguage.English : UserLanguage.Chinese;
    }
}
