using System.Net.Http.Headers;
using Governance.Identity.Tests.Infrastructure;
using static Governance.Identity.Tests.Infrastructure.TokenFixture;

namespace Governance.Identity.Tests.Tokens;

/// <summary>Every RFC 6749 §5.2 error the token endpoint gives, each with a description and no-store.</summary>
public sealed class TokenErrorTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_body_that_is_not_a_form_is_an_invalid_request()
    {
        using var http = f.Identity.Client();
        var response = await http.PostAsync("/connect/token", new StringContent("""{"grant_type":"client_credentials"}""",
            MediaTypeHeaderValue.Parse("application/json")), Ct);
        Assert.Contains("Content-Type", await AssertErrorAsync(response, "invalid_request"));
    }

    [Fact]
    public async Task Missing_and_repeated_parameters_are_invalid_requests()
    {
        var secret = await f.AddClientAsync("params-system");
        Assert.Contains("'grant_type' parameter is missing", await AssertErrorAsync(await f.TokenAsync(Form(("scope", "grid.read")), ("params-system", secret)), "invalid_request"));
        Assert.Contains("'scope' is repeated", await AssertErrorAsync(await f.TokenAsync(
            Form(("grant_type", "client_credentials"), ("scope", "a"), ("scope", "b")), ("params-system", secret)), "invalid_request"));
        Assert.Contains("'username'", await AssertErrorAsync(await f.TokenAsync(
            Form(("grant_type", "password"), ("client_id", ConsoleClient), ("password", "x"))), "invalid_request"));
        Assert.Contains("'refresh_token' parameter is missing", await AssertErrorAsync(await f.TokenAsync(
            Form(("grant_type", "refresh_token"), ("client_id", ConsoleClient))), "invalid_request"));
    }

    [Fact]
    public async Task Two_client_authentication_methods_at_once_are_an_invalid_request()
    {
        var secret = await f.AddClientAsync("twice-system");
        var response = await f.TokenAsync(Form(("grant_type", "client_credentials"), ("client_secret", secret)), ("twice-system", secret));
        Assert.Contains("Multiple client credentials", await AssertErrorAsync(response, "invalid_request"));
    }

    [Fact]
    public async Task A_wrong_secret_over_Basic_is_invalid_client_with_401_and_a_Basic_challenge()
    {
        await f.AddClientAsync("basic-system");
        var response = await f.TokenAsync(Form(("grant_type", "client_credentials")), ("basic-system", "not-the-secret"));
        await AssertErrorAsync(response, "invalid_client", 401);
        Assert.Equal("Basic", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains(await f.AuditAsync(e => e.Action == "sign-in.failed" && e.Actor == "basic-system", e => e.Detail), d => d!.Contains("client authentication failed"));
    }

    [Fact]
    public async Task Unknown_disabled_and_unauthenticated_clients_are_invalid_client()
    {
        // OpenIddict answers invalid_client with 401 however the client authenticated (RFC 6749 §5.2 allows it).
        var secret = await f.AddClientAsync("disabled-system", enabled: false);
        var unknown = await AssertErrorAsync(await f.TokenAsync(Form(("grant_type", "client_credentials"), ("client_id", "nobody"), ("client_secret", "x"))), "invalid_client", 401);
        var disabled = await AssertErrorAsync(await f.TokenAsync(Form(("grant_type", "client_credentials"), ("client_id", "disabled-system"), ("client_secret", secret))), "invalid_client", 401);
        Assert.Equal(unknown, disabled); // which client ids exist is not told
        await AssertErrorAsync(await f.TokenAsync(Form(("grant_type", "client_credentials"), ("client_id", "disabled-system"))), "invalid_request");
        Assert.Contains("'client_id' parameter is missing", await AssertErrorAsync(await f.TokenAsync(Form(("grant_type", "client_credentials"))), "invalid_request"));
        // A public client that sends a secret is not authenticated either.
        await AssertErrorAsync(await f.TokenAsync(Form(("grant_type", "password"), ("client_id", ConsoleClient), ("client_secret", "guess"),
            ("username", "u"), ("password", "p"))), "invalid_client", 401);
    }

    [Fact]
    public async Task A_grant_type_nobody_supports_is_unsupported_grant_type()
    {
        var response = await f.TokenAsync(Form(("grant_type", "urn:example:nothing"), ("client_id", ConsoleClient)));
        Assert.Contains("grant_type", await AssertErrorAsync(response, "unsupported_grant_type"));
    }

    [Fact]
    public async Task A_grant_the_client_is_not_allowed_is_unauthorized_client()
    {
        var secret = await f.AddClientAsync("cc-only-system");
        Assert.Contains("grant type", await AssertErrorAsync(await f.TokenAsync(
            Form(("grant_type", "password"), ("username", "u"), ("password", "p")), ("cc-only-system", secret)), "unauthorized_client"));
        // A public client has no secret, so client credentials are not for it.
        Assert.Contains("client_secret", await AssertErrorAsync(await f.TokenAsync(
            Form(("grant_type", "client_credentials"), ("client_id", ConsoleClient))), "invalid_request"));
    }

    [Fact]
    public async Task A_scope_beyond_the_clients_is_invalid_scope()
    {
        var secret = await f.AddClientAsync("scoped-system", scopes: "grid.read");
        var response = await f.TokenAsync(Form(("grant_type", "client_credentials"), ("scope", "grid.read population.read")), ("scoped-system", secret));
        Assert.Contains("population.read", await AssertErrorAsync(response, "invalid_scope"));
    }

    [Fact]
    public async Task Wrong_credentials_and_unknown_refresh_tokens_are_invalid_grant()
    {
        await f.AddUserAsync("grant.error.user");
        await AssertErrorAsync(await f.PasswordAsync("grant.error.user", "Wrong-Password-1"), "invalid_grant");
        await AssertErrorAsync(await f.RefreshAsync("no-such-refresh-token"), "invalid_grant");
    }

    [Fact]
    public async Task The_token_endpoint_is_rate_limited_per_address()
    {
        await using var limited = await IdentityHost.StartAsync(new Dictionary<string, string?>
        {
            ["Identity:SignIn:TokenBurst"] = "3", ["Identity:SignIn:TokenRequestsPerMinute"] = "1",
        });
        using var http = limited.Client();
        var statuses = new List<int>();
        for (var i = 0; i < 5; i++)
            statuses.Add((int)(await http.PostAsync("/connect/token", new FormUrlEncodedContent([new("grant_type", "client_credentials")]), Ct)).StatusCode);
        Assert.Equal([400, 400, 400, 429, 429], statuses);
    }
}
