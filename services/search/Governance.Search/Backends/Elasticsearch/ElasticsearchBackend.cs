using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Microsoft.Extensions.Logging;
using HttpMethod = Elastic.Transport.HttpMethod;

namespace Governance.Search.Backends.Elasticsearch;

/// <summary>
/// The cluster backend: Elasticsearch 9 through Elastic.Clients.Elasticsearch's transport (node pool, product check,
/// authentication, retries). Bodies are written here as JSON (<see cref="ElasticsearchRequests"/>), so that each is
/// exactly what the tests check through the client's <c>InMemoryRequestInvoker</c>. Documents live in versioned
/// indices <c>{alias}-v{n}</c> behind one alias, made from an index template whose text analyzer is
/// <c>smartcn</c> (the analysis-smartcn plugin the chart installs) or, where the plugin is missing, the built-in <c>cjk</c>.
/// </summary>
public sealed partial class ElasticsearchBackend(ElasticsearchClient client, string alias, string analyzer, ILogger<ElasticsearchBackend> logger) : ISearchBackend
{
    public ElasticsearchBackend(IElasticsearchClientSettings settings, string alias, string analyzer, ILogger<ElasticsearchBackend> logger)
        : this(new ElasticsearchClient(settings), alias, analyzer, logger) { }

    /// <summary>Client settings for <paramref name="uri"/>; user and password in the URI become basic authentication.</summary>
    public static ElasticsearchClientSettings Settings(Uri uri)
    {
        var settings = new ElasticsearchClientSettings(new UriBuilder(uri) { UserName = "", Password = "" }.Uri);
        if (uri.UserInfo.Split(':', 2) is [{ Length: > 0 } user, var password])
            settings.Authentication(new BasicAuthentication(Uri.UnescapeDataString(user), Uri.UnescapeDataString(password)));
        return settings;
    }

    public string Name => "elasticsearch";

    /// <summary>The analyzer the template was put with (<c>smartcn</c>, or <c>cjk</c> after a fallback).</summary>
    public string Analyzer { get; private set; } = analyzer;

    public async Task EnsureIndexAsync(CancellationToken ct)
    {
        var template = await SendAsync(HttpMethod.PUT, $"/_index_template/{alias}", ElasticsearchRequests.Template(alias, Analyzer), ct, allowFailure: true);
        if (!template.ApiCallDetails.HasSuccessfulStatusCode)
        {
            if (Analyzer == "cjk" || !template.Body.Contains("smartcn", StringComparison.Ordinal)) throw Failed("PUT _index_template", template);
            LogFallback(logger, template.Body);
            Analyzer = "cjk";
            await SendAsync(HttpMethod.PUT, $"/_index_template/{alias}", ElasticsearchRequests.Template(alias, Analyzer), ct);
        }
        var existing = await SendAsync(HttpMethod.GET, $"/_alias/{alias}", null, ct, allowFailure: true);
        if (existing.ApiCallDetails.HttpStatusCode == (int)HttpStatusCode.NotFound)
            await SendAsync(HttpMethod.PUT, $"/{alias}-v1", ElasticsearchRequests.IndexWithAlias(alias), ct);
    }

    public async Task<IIndexRebuild?> BeginRebuildAsync(CancellationToken ct)
    {
        await EnsureIndexAsync(ct);
        var aliases = await SendAsync(HttpMethod.GET, $"/_alias/{alias}", null, ct);
        var live = (JsonNode.Parse(aliases.Body)?.AsObject() ?? []).Select(p => p.Key).ToList();
        var index = ElasticsearchRebuild.NextIndex(alias, live);
        // Created without the alias and with refresh off while it fills; a name taken (another rebuild) fails here.
        await SendAsync(HttpMethod.PUT, $"/{index}", ElasticsearchRequests.IndexForRebuild(), ct);
        return new ElasticsearchRebuild(this, alias, index, live);
    }

    public async Task IndexAsync(IReadOnlyList<IndexDocument> documents, CancellationToken ct)
    {
        if (documents.Count == 0) return;
        var response = await SendAsync(HttpMethod.POST, $"/{alias}/_bulk?refresh=wait_for", ElasticsearchRequests.Bulk(documents), ct);
        if (JsonNode.Parse(response.Body)?["errors"]?.GetValue<bool>() == true) throw Failed("_bulk", response);
    }

    public async Task DeleteAsync(IReadOnlyList<string>? ids, string? type, CancellationToken ct)
    {
        if (ids is not null)
        {
            if (ids.Count > 0) await SendAsync(HttpMethod.POST, $"/{alias}/_bulk?refresh=wait_for", ElasticsearchRequests.BulkDelete(ids), ct);
            return;
        }
        await SendAsync(HttpMethod.POST, $"/{alias}/_delete_by_query?refresh=true&conflicts=proceed", ElasticsearchRequests.DeleteByType(type), ct);
    }

    public async Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        if (query.Scope.Count == 0) return ElasticsearchRequests.Empty;
        var response = await SendAsync(HttpMethod.POST, $"/{alias}/_search", ElasticsearchRequests.Search(query), ct);
        return ElasticsearchRequests.ReadSearch(response.Body, query.Text is not null);
    }

    internal async Task<StringResponse> SendAsync(HttpMethod method, string path, string? body, CancellationToken ct, bool allowFailure = false)
    {
        var response = await client.Transport.RequestAsync<StringResponse>(new EndpointPath(method, path), body is null ? null! : PostData.String(body), null, null, ct);
        if (!allowFailure && !response.ApiCallDetails.HasSuccessfulStatusCode) throw Failed($"{method} {path}", response);
        return response;
    }

    internal static InvalidOperationException Failed(string what, StringResponse response) =>
        new($"Elasticsearch {what} failed ({response.ApiCallDetails.HttpStatusCode}): {Truncate(response.Body)}", response.ApiCallDetails.OriginalException);

    private static string Truncate(string? body) => body is null ? "" : body.Length > 500 ? body[..500] : body;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The smartcn analyzer is missing (analysis-smartcn plugin not installed?); search falls back to the built-in cjk analyzer: {Response}")]
    private static partial void LogFallback(ILogger logger, string response);
}
