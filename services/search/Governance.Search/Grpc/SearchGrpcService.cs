using System.Globalization;
using Governance.Contracts.Search.V1;
using Governance.Search.Queries;
using Governance.ServiceDefaults.Auth;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SearchHit = Governance.Contracts.Search.V1.SearchHit;

namespace Governance.Search.Grpc;

/// <summary>
/// <c>governance.search.v1.SearchService</c>: the same search as REST (<see cref="Searcher"/>), with the same scope and
/// audit; refusals are DomainExceptions, which the platform's interceptor maps to statuses naming the field.
/// </summary>
public sealed class SearchGrpcService(Searcher searcher) : SearchService.SearchServiceBase
{
    public override async Task<SearchResponse> Search(SearchRequest request, ServerCallContext context)
    {
        var parameters = new SearchParameters(
            request.Q, Join(request.RecordTypes), request.Org, request.Grid,
            request.From?.ToDateTime().ToString("O", CultureInfo.InvariantCulture), request.To?.ToDateTime().ToString("O", CultureInfo.InvariantCulture),
            Join(request.Statuses), Join(request.Categories), request.Sort,
            request.Page == 0 ? null : request.Page.ToString(CultureInfo.InvariantCulture),
            request.PageSize == 0 ? null : request.PageSize.ToString(CultureInfo.InvariantCulture));
        var result = await searcher.SearchAsync(context.GetHttpContext().Caller(), parameters, "grpc", context.CancellationToken);
        var reply = new SearchResponse { Total = result.Total };
        reply.Hits.AddRange(result.Hits.Select(h => new SearchHit
        {
            Id = h.Id, Type = h.Type, RecordId = h.RecordId, Title = h.Title, Highlight = h.Highlight ?? "", OrgPath = h.OrgPath, Grid = h.Grid ?? "",
            Status = h.Status ?? "", Category = h.Category ?? "", Time = Timestamp.FromDateTime(DateTime.SpecifyKind(h.Time, DateTimeKind.Utc)),
        }));
        foreach (var (field, counts) in result.Facets)
        {
            var facet = new Facet { Field = field };
            facet.Values.AddRange(counts.Select(c => new FacetValue { Value = c.Value, Count = c.Count }));
            reply.Facets.Add(facet);
        }
        return reply;
    }

    private static string? Join(IEnumerable<string> values) => string.Join(',', values) is { Length: > 0 } joined ? joined : null;
}

public static class SearchGrpcExtensions
{
    public static IHostApplicationBuilder AddSearchGrpc(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<SearchGrpcService>();
        return builder;
    }

    /// <summary>Maps <c>governance.search.v1.SearchService</c>; every rpc needs a bearer token (the fallback policy).</summary>
    public static IEndpointRouteBuilder MapSearchGrpcService(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<SearchGrpcService>();
        return app;
    }
}
