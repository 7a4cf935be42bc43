namespace Governance.Gateway.Routing;

/// <summary>
/// The services behind the gateway and the paths each one answers (ARCHITECTURE.md: REST under
/// <c>/api/&lt;service&gt;/</c>, standards on their own paths). Health endpoints and gRPC are nobody's here:
/// the gateway forwards neither, and answers <c>/health/*</c> itself.
/// </summary>
public static class KnownServices
{
    public static readonly IReadOnlyDictionary<string, string[]> StandardPaths = new Dictionary<string, string[]>
    {
        // OAuth 2.0 / OIDC: authorize, token, the sign-in page and its TOTP step (/connect/signin), end-session,
        // introspection, revocation; discovery, JWKS and the roles document under /.well-known/.
        ["identity"] = ["/connect/{**rest}", "/.well-known/{**rest}"],
        ["grid"] = ["/open311/{**rest}"],
        ["mediation"] = [],
        ["population"] = [],
        // Its chart and Service are named video-alert; its paths and OpenAPI document say videoalert.
        ["videoalert"] = [],
        ["assessment"] = [],
        ["search"] = [],
    };

    public static IEnumerable<string> Names => StandardPaths.Keys;

    /// <summary>Every path pattern routed to <paramref name="service"/>: its REST API, its OpenAPI document, its standards.</summary>
    public static IEnumerable<string> PathsOf(string service) =>
        [$"/api/{service}/{{**rest}}", $"/openapi/{service}.json", .. StandardPaths[service]];
}
