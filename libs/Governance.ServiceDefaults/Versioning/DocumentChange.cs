namespace Governance.ServiceDefaults.Versioning;

/// <summary>What a change says beside its document: the version it is built on, when it takes effect (now when absent), why, and who makes it.</summary>
/// <param name="BaseVersion">The latest version the caller read; another one is the latest by now → <c>RulesChangedMeanwhile</c>.</param>
/// <param name="EffectiveFrom">Now when null; never in the past (beyond a minute's clock skew), never before the latest version's.</param>
/// <param name="Note">Why: 1 to 2000 characters.</param>
/// <param name="Actor">Who (the caller's subject).</param>
public sealed record DocumentChange(int? BaseVersion, DateTime? EffectiveFrom, string? Note, string Actor);
