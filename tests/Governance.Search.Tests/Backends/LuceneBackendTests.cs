using Governance.Search.Backends;
using Governance.Search.Backends.Lucene;

namespace Governance.Search.Tests.Backends;

/// <summary>The shared suite on the embedded backend: a Lucene index on disk in a directory of this class's own.</summary>
public sealed class LuceneBackendTests : BackendSuite, IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "governance-tests", "lucene-" + Guid.NewGuid().ToString("n"));
    private LuceneBackend? _backend;

    protected override Task<ISearchBackend> BackendAsync() => Task.FromResult<ISearchBackend>(_backend ??= new LuceneBackend(_directory));

    public void Dispose()
    {
        _backend?.Dispose();
        Directory.Delete(_directory, true);
    }
}
