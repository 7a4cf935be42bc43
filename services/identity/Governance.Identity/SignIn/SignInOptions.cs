namespace Governance.Identity.SignIn;

/// <summary>
/// Sign-in rules. JSON shape:
/// <code>
/// "Identity": { "SignIn": {
///   "LockoutThreshold": 5,            // failed sign-ins in a row before the account locks
///   "FirstLockout": "00:01:00",       // the first lock; each further one doubles it
///   "MaxLockout": "01:00:00",
///   "TotpIssuer": "Governance",       // the name authenticator apps show
///   "TokenRequestsPerMinute": 300,    // per client address, at every /connect/ endpoint and the sign-in page
///   "TokenBurst": 60,
///   "UserNameRequestsPerMinute": 30,  // password checks per user name, from any address
///   "UserNameBurst": 10 } }
/// </code>
/// Lockout is on by default and cannot be switched off: a threshold of 0 is refused.
/// </summary>
public sealed class SignInOptions
{
    public const string Section = "Identity:SignIn";

    public int LockoutThreshold { get; set; } = 5;
    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromMinutes(1);
    public TimeSpan MaxLockout { get; set; } = TimeSpan.FromHours(1);
    public string TotpIssuer { get; set; } = "Governance";
    public int TokenRequestsPerMinute { get; set; } = 300;
    public int TokenBurst { get; set; } = 60;
    public int UserNameRequestsPerMinute { get; set; } = 30;
    public int UserNameBurst { get; set; } = 10;
}
