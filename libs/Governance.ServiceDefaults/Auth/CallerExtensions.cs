using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.ServiceDefaults.Auth;

/// <summary>Reads the <see cref="Auth.Caller"/> of a request.</summary>
public static class CallerExtensions
{
    /// <summary>
    /// The authenticated caller of this request, at the host's <see cref="TimeProvider"/> now (so that a
    /// post past its end stops counting at once); see <see cref="Auth.Caller.From"/>. gRPC handlers
    /// call it on <c>context.GetHttpContext()</c>.
    /// </summary>
    public static Caller Caller(this HttpContext http) =>
        Auth.Caller.From(http.User, (http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow());
}
