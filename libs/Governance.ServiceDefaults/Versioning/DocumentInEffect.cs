namespace Governance.ServiceDefaults.Versioning;

/// <summary>A version's header and its parsed document.</summary>
/// <param name="Version">The version number.</param>
/// <param name="EffectiveFrom">When it took (or takes) effect.</param>
/// <param name="Document">The document, parsed.</param>
public sealed record DocumentInEffect<TDocument>(int Version, DateTime EffectiveFrom, TDocument Document);
