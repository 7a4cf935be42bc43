using Microsoft.AspNetCore.Http;

namespace Governance.ServiceDefaults.Auth;

/// <summary>Reads the <see cref="Auth.Caller"/> of a request.</summary>
public static class CallerExtensions
{
    /// <summary>The authenticated caller of this request; see <see cref="Auth.Caller.From"/>.</summary>
    public static Caller Caller(this HttpContext http) => Auth.Caller.From(http.User);
}
