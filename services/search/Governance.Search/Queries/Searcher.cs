using System.Diagnostics;
using System.Text.Json;
using Governance.Search.Access;
using Governance.Search.Audit;
using Governance.Search.Backends;
using Governance.Search.Data;
using Governance.Search.Indexing;
using Governance.ServiceDefaults.Auth;

namespace Governance.Search.Queries;

/// <summary>
/// One search, for REST and gRPC alike: the input checked, the caller's scope put into the query, the backend asked,
/// and the search audited (who, the words, the filters, how many it found) before the answer leaves: no search is
/// answered that is not in the audit.
/// </summary>
public sealed class Searcher(SearchPermissions permissions, ISearchBackend backend, SearchDb db, TimeProvider clock)
{
    public async Task<SearchResult> SearchAsync(Caller caller, SearchParameters parameters, string channel, CancellationToken ct)
    {
        var scope = await permissions.ScopeOfAsync(caller, ct);
        var query = SearchRequestReader.Read(parameters, scope);
        var started = Stopwatch.GetTimestamp();
        var result = await backend.SearchAsync(query, ct);
        SearchMetrics.QueryTime.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        db.Audit.Add(new SearchAuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime, Subject = caller.Subject, ClientId = caller.ClientId, Channel = channel, Query = query.Text,
            Filters = JsonSerializer.Serialize(new
            {
                types = query.Types, org = query.Org, grid = query.Grid, from = query.From, to = query.To, statuses = query.Statuses,
                categories = query.Categories, sort = query.Sort.ToString().ToLowerInvariant(), page = query.Page, pageSize = query.PageSize,
            }, JsonSerializerOptions.Web),
            ResultCount = result.Total, Backend = backend.Name,
        });
        await db.SaveChangesAsync(ct);
        return result;
    }
}
