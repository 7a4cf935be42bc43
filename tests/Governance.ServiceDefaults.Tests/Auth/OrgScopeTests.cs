using System.Net;
using System.Text.Json;
using Governance.Testing.Auth;

namespace Governance.ServiceDefaults.Tests.Auth;

// The probe's /cases endpoint calls EnsureMayActOn(org, "mediator", "centre-staff"); the caller is
// in 632801/632801001 unless a test says otherwise.
public sealed class OrgScopeTests
{
    private static string Detail(string body) => JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;

    [Theory]
    [InlineData("632801/632801001")]
    [InlineData("632801/632801001/632801001001")]
    public async Task Record_inside_the_callers_subtree_may_be_acted_on(string recordOrg)
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);

        var (response, body) = await host.GetAsync($"/cases?org={recordOrg}", issuer.Tokens.Create(issuer.Ec));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", body);
    }

    [Theory]
    [InlineData("632801")]
    [InlineData("632801/632801002")]
    [InlineData("632801/6328010011")]
    public async Task Record_outside_the_callers_subtree_is_refused_with_403(string recordOrg)
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);

        var (response, body) = await host.GetAsync($"/cases?org={recordOrg}", issuer.Tokens.Create(issuer.Ec));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("不在您的组织范围", Detail(body));
    }

    [Fact]
    public async Task Caller_without_a_permitted_role_is_refused_with_403_naming_the_roles()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);
        var gridWorker = issuer.Tokens.WithClaims(issuer.Ec, new() { ["sub"] = "u-7", ["org"] = TokenMint.Org, ["roles"] = "grid-worker" });

        var (cases, casesBody) = await host.GetAsync($"/cases?org={TokenMint.Org}", gridWorker);
        var (mediation, mediationBody) = await host.GetAsync("/mediation", gridWorker);

        Assert.Equal(HttpStatusCode.Forbidden, cases.StatusCode);
        Assert.Contains("mediator, centre-staff", Detail(casesBody));
        Assert.Equal(HttpStatusCode.Forbidden, mediation.StatusCode);
        Assert.Contains("mediator, centre-staff", Detail(mediationBody));
    }

    [Theory]
    [InlineData("roles", "grid-worker centre-staff")]
    [InlineData("role", "centre-staff")]
    public async Task Roles_are_read_from_a_space_separated_roles_or_role_claim(string claim, string value)
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);
        var token = issuer.Tokens.WithClaims(issuer.Ec, new() { ["sub"] = "u-8", ["org"] = TokenMint.Org, [claim] = value });

        var (response, _) = await host.GetAsync("/mediation", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Service_caller_reaches_a_scoped_endpoint_only_with_that_scope()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);
        string Service(string scope) => issuer.Tokens.WithClaims(issuer.Ec, new() { ["sub"] = "svc-sync", ["client_id"] = "svc-sync", ["scope"] = scope });

        var (granted, _) = await host.GetAsync("/grid/cells", Service("grid.read grid.write"));
        var (refused, refusedBody) = await host.GetAsync("/grid/cells", Service("mediation.read"));
        var (me, meBody) = await host.GetAsync("/me", Service("grid.read"));

        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("'grid.read'", Detail(refusedBody));
        Assert.True(JsonDocument.Parse(meBody).RootElement.GetProperty("isService").GetBoolean());
    }

    [Fact]
    public async Task Token_with_a_malformed_org_is_refused_with_401()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);
        var token = issuer.Tokens.WithClaims(issuer.Ec, new() { ["sub"] = "u-9", ["org"] = "632801//1", ["roles"] = "mediator" });

        var (response, _) = await host.GetAsync("/me", token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("org claim", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Malformed_org_in_a_request_is_a_400()
    {
        await using var issuer = await TestIssuer.StartAsync(TestContext.Current.CancellationToken);
        await using var host = await AuthProbe.StartAsync(issuer);

        var (response, _) = await host.GetAsync("/cases?org=632801/abc", issuer.Tokens.Create(issuer.Ec));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
