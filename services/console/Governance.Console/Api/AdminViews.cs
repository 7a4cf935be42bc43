namespace Governance.Console.Api;

// What the administration pages read from identity's admin API and grid's rules as data, by the services' JSON names
// (the console's own records: it depends on their HTTP contract only).

public sealed record AdminPost(Guid Id, string Role, string OrgPath, DateTime? Until, DateTime GrantedAt, string GrantedBy);

public sealed record AdminUser(
    Guid Id, string UserName, string DisplayName, string OrgPath, Guid? DepartmentId, IReadOnlyList<string> Roles,
    string Status, bool SecondFactorEnrolled, DateTime? LockedUntil, IReadOnlyList<AdminPost> Posts);

public sealed record AdminUserPage(IReadOnlyList<AdminUser> Items, string? Next);

/// <summary>A TOTP secret identity provisioned, shown this once (base32 and the otpauth URI).</summary>
public sealed record TotpEnrolled(string Secret, string OtpAuthUri);

public sealed record CreatedUser(AdminUser User, IReadOnlyList<string> SecondFactorNeededFor, string? Message, TotpEnrolled? SecondFactor);

public sealed record PostGranted(AdminUser User, AdminPost Post, bool SecondFactorEnrolmentNeeded, string? Message, TotpEnrolled? SecondFactor);

public sealed record AdminRole(string Name, string Description, bool RequiresSecondFactor, IReadOnlyList<string> Permissions);

public sealed record StepDeadline(string Urgency, string Step, int Minutes);

public sealed record CategoryRules(string Code, string Name, string OwningDepartmentKind, bool IsDispute, bool OfferedToCitizens, bool CountsWorkingTime,
    IReadOnlyList<StepDeadline> Deadlines);

public sealed record EscalationRuleData(string OrgLevel, string? Category, string? Urgency, string Step);

public sealed record GridRules(IReadOnlyList<CategoryRules> Categories, IReadOnlyList<EscalationRuleData> EscalationRules);

public sealed record RulesVersionView(int Version, DateTime EffectiveFrom, DateTime CreatedAt, string CreatedBy, string Note, string Summary);

/// <summary>Grid's rules document in effect, with its version (the <c>baseVersion</c> of a change).</summary>
public sealed record RulesView(RulesVersionView Version, GridRules Rules);

public sealed record CalendarDayView(DateOnly Date, string Kind, string Name);

public sealed record CalendarView(string Scope, bool OwnHours, string Periods, int UtcOffsetMinutes, Guid? Version, DateTime UpdatedAt, string UpdatedBy,
    IReadOnlyList<CalendarDayView> Days);
