using Governance.ServiceDefaults.Auth;

namespace Governance.ServiceDefaults.Versioning;

/// <summary>
/// A service's side of a change to its versioned document (<see cref="VersionedDocumentApi"/>'s <c>PUT</c>):
/// who may make it, the document validated from <typeparamref name="TChange"/> (400s naming the field), and
/// anything that commits with the new version or follows it; the version it made is answered.
/// </summary>
/// <typeparam name="TChange">The request body: <c>baseVersion</c>, <c>effectiveFrom</c>, <c>note</c> and the document's own fields.</typeparam>
/// <typeparam name="TVersion">The document's version entity.</typeparam>
public interface IDocumentChanges<in TChange, TVersion> where TVersion : DocumentVersion
{
    /// <summary>Makes the next version from <paramref name="change"/> on behalf of <paramref name="caller"/>, or refuses.</summary>
    Task<TVersion> ChangeAsync(Caller caller, TChange change, CancellationToken ct);
}
