namespace Governance.Identity.Audit;

/// <summary>The actions the audit trail records.</summary>
public static class AuditActions
{
    public const string SignInSucceeded = "sign-in.succeeded";
    public const string SignInFailed = "sign-in.failed";
    public const string LockedOut = "sign-in.locked-out";
    public const string SignedOut = "sign-in.signed-out";
    public const string TokenIssued = "token.issued";
    public const string RefreshReused = "token.refresh-reused";
    public const string TokenRevoked = "token.revoked";
    public const string SigningKeyRotated = "signing-key.rotated";
    public const string OrgNodeCreated = "org-node.created";
    public const string OrgNodeRenamed = "org-node.renamed";
    public const string OrgNodeMoved = "org-node.moved";
    public const string OrgNodeRetired = "org-node.retired";
    public const string DepartmentCreated = "department.created";
    public const string DepartmentChanged = "department.changed";
    public const string DepartmentRetired = "department.retired";
    public const string UserCreated = "user.created";
    public const string UserChanged = "user.changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserUnlocked = "user.unlocked";
    public const string PasswordChanged = "user.password-changed";
    public const string TotpEnrolled = "user.totp-enrolled";
    public const string RoleGranted = "role.granted";
    public const string RoleRevoked = "role.revoked";
    public const string PostGranted = "post.granted";
    public const string PostEnded = "post.ended";
    public const string RolePermissionsChanged = "role.permissions-changed";
    public const string ClientCreated = "client.created";
    public const string ClientSecretRotated = "client.secret-rotated";
}
