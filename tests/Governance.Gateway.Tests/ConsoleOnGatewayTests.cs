using System.Net;
using System.Security.Cryptography;
using Governance.Gateway.Tests.Infrastructure;
using Governance.Identity;
using Governance.Identity.Data;
using Governance.Testing.Hosting;
using Microsoft.AspNetCore.WebUtilities;

namespace Governance.Gateway.Tests;

/// <summary>
/// Issue 18, "the console, served by the gateway": with <c>Console:Authority</c> set, the gateway serves the console under
/// <c>/console</c> on its own origin, with Blazor's script and the console's files, and sends a browser that is not signed in
/// to a real identity's authorization endpoint with PKCE, the console as the client and the gateway's own callback. The
/// sign-in itself and the pages are proven in a browser on the standalone host (EndToEnd's ConsoleBrowserTests).
/// </summary>
public sealed class ConsoleOnGatewayTests : IAsyncLifetime
{
    private ServiceTestHost<IdentityDb> _identity = null!;
    private GatewayHost _gateway = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _identity = await ServiceTestHost<IdentityDb>.StartAsync(new ServiceUnderTest("identity", b => b.AddIdentityService(), a => a.MapIdentityService()),
            new ServiceTestHostOptions
            {
                SelfIssued = true,
                Settings = new Dictionary<string, string?> { ["Identity:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
            });
        var issuer = _identity.Http.ToString().TrimEnd('/');
        _gateway = await GatewayHost.StartAsync(new Dictionary<string, string> { ["identity"] = issuer }, new Dictionary<string, string?>
        {
            ["Console:Authority"] = issuer,
            ["Console:RequireHttpsMetadata"] = "false",
            ["Auth:Issuer"] = issuer,
            ["Auth:Audience"] = "governance",
            ["Auth:RequireHttpsMetadata"] = "false",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _identity.DisposeAsync();
    }

    [Fact]
    public async Task A_browser_not_signed_in_is_sent_to_identity_with_PKCE_and_the_console_as_the_client()
    {
        using var client = _gateway.Client();

        using var page = await client.GetAsync("/console", Ct);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        var location = page.Headers.Location!;
        Assert.StartsWith(_identity.Http.ToString().TrimEnd('/') + "/connect/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(("console", "code", "S256"), (query["client_id"].ToString(), query["response_type"].ToString(), query["code_challenge_method"].ToString()));
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.Equal(new Uri(_gateway.Http, "/console/signin-oidc").ToString(), query["redirect_uri"].ToString());
        // The state and nonce live in cookies only the server reads.
        Assert.All(page.Headers.GetValues("Set-Cookie"), c => Assert.Contains("httponly", c, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_gateway_serves_Blazors_script_and_the_consoles_own_files_and_still_routes_the_apis()
    {
        using var client = _gateway.Client();

        using var blazor = await client.GetAsync("/_framework/blazor.web.js", Ct);
        Assert.Equal(HttpStatusCode.OK, blazor.StatusCode);
        Assert.Contains("javascript", blazor.Content.Headers.ContentType?.MediaType);
        using var css = await client.GetAsync("/_content/Governance.Console/console.css", Ct);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        using var discovery = await client.GetAsync("/.well-known/openid-configuration", Ct);
        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode); // identity, through the gateway's route
    }
}
