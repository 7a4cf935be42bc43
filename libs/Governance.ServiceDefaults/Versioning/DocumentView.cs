namespace Governance.ServiceDefaults.Versioning;

/// <summary>A version's header as the API shows it: who made it, when, why, what changed, and from when it applies.</summary>
public sealed record DocumentVersionView(int Version, DateTime EffectiveFrom, DateTime CreatedAt, string CreatedBy, string Note, string Summary)
{
    /// <summary>The header of <paramref name="version"/>.</summary>
    public static DocumentVersionView Of(DocumentVersion version) =>
        new(version.Version, version.EffectiveFrom, version.CreatedAt, version.CreatedBy, version.Note, version.Summary);
}

/// <summary>
/// One version as the API shows it: <c>{ "version": { ... }, "rules": { ... } }</c>. Every document served so far
/// is a set of rules, and the wire calls it so.
/// </summary>
/// <param name="Version">Its header.</param>
/// <param name="Rules">The document itself.</param>
public sealed record DocumentView<TDocument>(DocumentVersionView Version, TDocument Rules);
