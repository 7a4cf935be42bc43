using Governance.Identity.Data;
using Governance.Identity.Roles;
using Governance.ServiceDefaults.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Identity.Tokens;

/// <summary>
/// When signing keys rotate. JSON shape:
/// <code>"Identity": { "SigningKeys": { "RotateAfter": "30.00:00:00", "PublishAhead": "1.00:00:00", "CheckEvery": "01:00:00" } }</code>
/// </summary>
public sealed class SigningKeyRotationOptions
{
    public const string Section = "Identity:SigningKeys";
    public TimeSpan RotateAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How long the next key is published before it signs: longer than any validator's JWKS refresh
    /// (Auth:JwksRefreshInterval), so none meets a kid it has not fetched. Scheduled rotations only;
    /// an admin's rotation after a suspected leak signs at once.
    /// </summary>
    public TimeSpan PublishAhead { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// Rotates the signing key once it is older than <see cref="SigningKeyRotationOptions.RotateAfter"/>:
/// the next key is published <see cref="SigningKeyRotationOptions.PublishAhead"/> before it signs, and
/// the retired key stays in the JWKS while tokens it signed can live (see <see cref="SigningKeyStore"/>).
/// Replicas check independently; two rotating at once leave an extra published key, which is harmless.
/// </summary>
internal sealed partial class SigningKeyRotationService(SigningKeyStore keys, TimeProvider clock,
    IOptions<SigningKeyRotationOptions> options, ILogger<SigningKeyRotationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckEvery, clock);
        do
        {
            try
            {
                await keys.CurrentAsync(stoppingToken); // creates the first key if there is none
                // The newest key is the current one, or its successor already published: then nothing to do.
                var newest = await keys.NewestKeyAsync(stoppingToken);
                var o = options.Value;
                // Never more than half the key's life ahead: a short RotateAfter must still rotate.
                var ahead = o.PublishAhead < o.RotateAfter / 2 ? o.PublishAhead : o.RotateAfter / 2;
                if (newest is not null && clock.GetUtcNow().UtcDateTime - newest.SignsFrom >= o.RotateAfter - ahead)
                    LogRotated(logger, await keys.RotateAsync("system:signing-key-rotation", ahead, stoppingToken), ahead);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The database may be down for a while; the current key keeps signing meanwhile.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Signing key rotation: {Kid} is published now and signs in {PublishAhead}")]
    private static partial void LogRotated(ILogger logger, string kid, TimeSpan publishAhead);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing key rotation check failed; will retry")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary><c>POST /api/identity/signing-keys/rotate</c>: for a caller at the tree's root whose roles carry <c>signing-key.rotate</c>, e.g. after a suspected key leak.</summary>
public static class SigningKeysApi
{
    public sealed record RotatedDto(string Kid);

    public static IEndpointRouteBuilder MapSigningKeysApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/identity/signing-keys/rotate", Rotate);
        return app;
    }

    private static async Task<Ok<RotatedDto>> Rotate(HttpContext http, SigningKeyStore keys, IdentityDb db, RolePermissions permissions, CancellationToken ct)
    {
        var caller = http.Caller();
        // The key signs for the whole tree, so its record is the root: only a caller there may change it.
        await permissions.EnsurePermittedAsync(caller, IdentityPermissions.SigningKeyRotate, await Org.OrgTree.RootPathAsync(db, ct), ct);
        return TypedResults.Ok(new RotatedDto(await keys.RotateAsync(caller.Subject, TimeSpan.Zero, ct)));
    }
}
