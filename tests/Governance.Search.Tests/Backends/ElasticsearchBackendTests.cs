using Elastic.Clients.Elasticsearch;
using Governance.Search.Backends;
using Governance.Search.Backends.Elasticsearch;
using Microsoft.Extensions.Logging.Abstractions;

namespace Governance.Search.Tests.Backends;

/// <summary>
/// The shared suite on Elasticsearch, when <c>ES_URL</c> names a server (an Elasticsearch 9 with analysis-smartcn, or
/// the cjk fallback without it); skipped, saying so, otherwise: no server can be installed on the build machines.
/// Each class gets an alias of its own.
/// </summary>
public sealed class ElasticsearchBackendTests : BackendSuite
{
    private static readonly string? Url = Environment.GetEnvironmentVariable("ES_URL");
    private ElasticsearchBackend? _backend;

    protected override async Task<ISearchBackend> BackendAsync()
    {
        Assert.SkipWhen(string.IsNullOrWhiteSpace(Url), "ES_URL is not set: the shared backend suite runs on Lucene only (set ES_URL=http://host:9200 to run it on Elasticsearch).");
        if (_backend is null)
        {
            _backend = new ElasticsearchBackend(ElasticsearchBackend.Settings(new Uri(Url!)), "governance-search-test-" + Guid.NewGuid().ToString("n")[..8], "smartcn",
                NullLogger<ElasticsearchBackend>.Instance);
            await _backend.EnsureIndexAsync(TestContext.Current.CancellationToken);
        }
        return _backend;
    }
}
