namespace Governance.Population.Rental;

/// <summary>
/// The wire names of a rental's grades, inspection findings and safety-agreement states. The grades are the
/// field's four (DOMAIN.md): graded from the house's condition, never from who lives there.
/// </summary>
public static class RentalNames
{
    /// <summary>放心: nothing found, a valid agreement.</summary>
    public const string Assured = "assured";
    /// <summary>关注: a hazard or a missing agreement to follow up.</summary>
    public const string Watched = "watched";
    /// <summary>严管: a serious hazard, inspected often.</summary>
    public const string Strict = "strict";
    /// <summary>禁止: not to be let until put right.</summary>
    public const string Prohibited = "prohibited";

    public static readonly string[] Grades = [Assured, Watched, Strict, Prohibited];

    public const string FireExitsBlocked = "fire_exits_blocked";
    public const string WiringUnsafe = "wiring_unsafe";
    public const string GasUnsafe = "gas_unsafe";
    /// <summary>More occupants than permitted: computed from the current occupants, or observed by the inspector.</summary>
    public const string Crowding = "crowding";

    public static readonly string[] Findings = [FireExitsBlocked, WiringUnsafe, GasUnsafe, Crowding];

    /// <summary>The safety agreement (治安责任书) on the inspection day: signed and in force, past its end, or never signed.</summary>
    public const string AgreementValid = "valid";
    public const string AgreementExpired = "expired";
    public const string AgreementNone = "none";

    public static readonly string[] AgreementStates = [AgreementValid, AgreementExpired, AgreementNone];

    /// <summary>How a finding came to be: the inspector saw it, or the occupants outnumber the permitted (crowding only).</summary>
    public const string Observed = "observed";
    public const string Computed = "computed";

    public static string AgreementOn(DateOnly? signedOn, DateOnly? validUntil, DateOnly day) =>
        signedOn is null || signedOn > day ? AgreementNone : validUntil is { } until && until < day ? AgreementExpired : AgreementValid;
}
