namespace Governance.Identity.Users;

public enum UserStatus
{
    Active,
    Disabled,
}

/// <summary>A staff account: who signs in, where in the org tree they work, and what they may do.</summary>
public sealed class User
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The sign-in name, unique, compared case-insensitively (stored lower-case).</summary>
    public required string UserName { get; set; }

    public required string DisplayName { get; set; }
    public Guid OrgNodeId { get; set; }
    public Guid? DepartmentId { get; set; }
    public UserStatus Status { get; set; }

    /// <summary>PBKDF2-HMAC-SHA512 hash from ASP.NET Core's PasswordHasher (see <see cref="PasswordHashing"/>); null until a password is set.</summary>
    public string? PasswordHash { get; set; }

    /// <summary>
    /// The password was given to the user (the bootstrap's one-time password, an admin's reset): the
    /// next sign-in, on the sign-in page, sets the user's own before anything else.
    /// </summary>
    public bool MustChangePassword { get; set; }

    /// <summary>Failed sign-ins since the last success or lockout.</summary>
    public int FailedSignIns { get; set; }

    /// <summary>How many lockouts in a row; each one waits longer than the last.</summary>
    public int Lockouts { get; set; }

    public DateTime? LockedUntil { get; set; }

    /// <summary>The RFC 6238 shared secret, encrypted with the service's key; null when not enrolled.</summary>
    public byte[]? TotpSecret { get; set; }

    /// <summary>The last TOTP time step accepted: a code is good once (RFC 6238 §5.2).</summary>
    public long? TotpLastStep { get; set; }

    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>The posts held and once held (ended ones stay as history); see <see cref="UserPosts"/> for those that count.</summary>
    public List<UserPost> Posts { get; init; } = [];
}
