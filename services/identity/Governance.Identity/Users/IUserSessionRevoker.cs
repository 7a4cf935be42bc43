using Governance.Identity.Data;

namespace Governance.Identity.Users;

/// <summary>
/// Ends a user's sessions when an admin disables the account or resets its password: every refresh
/// token the user holds stops working. The OAuth server implements it (tokens are its data); this
/// feature only calls it.
/// </summary>
public interface IUserSessionRevoker
{
    /// <summary>
    /// Stages the revocation of every refresh token of <paramref name="userId"/> on <paramref name="db"/>,
    /// without saving: the caller commits it in the same SaveChanges as the change that asked for it,
    /// so an account is never disabled while its tokens live on.
    /// </summary>
    Task RevokeAllAsync(IdentityDb db, Guid userId, string reason, CancellationToken ct);
}
