using System.Net;
using Governance.Identity.Audit;
using Governance.Identity.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static Governance.Identity.Tests.Infrastructure.TokenFixture;

namespace Governance.Identity.Tests.Tokens;

/// <summary>
/// A department's system's tokens are not stored, so their audit lines are committed in groups of
/// their own (AuditGroupCommit): each answer still waits for its line, and a line that cannot be
/// stored means no token.
/// </summary>
public sealed class ClientCredentialsTokenTests(TokenFixture f) : IClassFixture<TokenFixture>
{
    [Fact]
    public async Task Each_token_of_many_at_once_has_its_audit_line_committed_before_the_answer()
    {
        var secret = await f.AddClientAsync("burst-system");
        var first = await f.TokenAsync(Form(("grant_type", "client_credentials")), ("burst-system", secret));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Single(await LinesAsync("burst-system"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => f.TokenAsync(Form(("grant_type", "client_credentials")), ("burst-system", secret))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var lines = await LinesAsync("burst-system");
        Assert.Equal(41, lines.Count);
        Assert.All(lines, l => Assert.Equal("client_credentials; client burst-system; scope grid.read incident.read", l.Detail));
    }

    [Fact]
    public async Task No_token_is_issued_when_its_audit_line_cannot_be_committed_and_the_next_is()
    {
        var secret = await f.AddClientAsync("unaudited-system");
        f.SaveFailure.Arm(AuditActions.TokenIssued);
        HttpResponseMessage refused;
        try { refused = await f.TokenAsync(Form(("grant_type", "client_credentials")), ("unaudited-system", secret)); }
        finally { f.SaveFailure.Disarm(); }

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.DoesNotContain("access_token", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await LinesAsync("unaudited-system"));
        Assert.Equal(HttpStatusCode.OK, (await f.TokenAsync(Form(("grant_type", "client_credentials")), ("unaudited-system", secret))).StatusCode);
        Assert.Single(await LinesAsync("unaudited-system"));
    }

    [Fact]
    public async Task A_client_token_is_not_stored_introspects_as_active_and_its_revocation_is_unsupported()
    {
        var secret = await f.AddClientAsync("gateway-system", scopes: "grid.read incident.read");
        var token = await f.ClientCredentialsTokenAsync("gateway-system", secret);

        var stored = await f.Identity.QueryAsync(db => db.Set<OpenIddictEntityFrameworkCoreToken>()
            .CountAsync(t => t.Application!.ClientId == "gateway-system", TestContext.Current.CancellationToken));
        Assert.Equal(0, stored);
        var introspected = await JsonAsync(await f.PostAsync("/connect/introspect", Form(("token", token)), ("gateway-system", secret)));
        Assert.True(introspected.GetProperty("active").GetBoolean());
        Assert.Equal("gateway-system", introspected.GetProperty("client_id").GetString());
        // RFC 7009 §2.2.1: the server does not revoke this kind of token; rotating the secret stops new ones.
        await AssertErrorAsync(await f.PostAsync("/connect/revocation", Form(("token", token)), ("gateway-system", secret)), "unsupported_token_type");
    }

    private Task<List<AuditEntry>> LinesAsync(string clientId) =>
        f.AuditAsync(e => e.Action == AuditActions.TokenIssued && e.Actor == clientId, e => e);
}
