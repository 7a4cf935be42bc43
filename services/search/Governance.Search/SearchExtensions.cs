using Governance.Messaging.Bus;
using Governance.Search.Access;
using Governance.Search.Backends;
using Governance.Search.Backends.Elasticsearch;
using Governance.Search.Backends.Lucene;
using Governance.Search.Data;
using Governance.Search.Details;
using Governance.Search.Events;
using Governance.Search.Grpc;
using Governance.Search.Indexing;
using Governance.Search.Queries;
using Governance.Search.Reindex;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Governance.Search;

/// <summary>The search service, as its own host and the standalone host compose it.</summary>
public static class SearchExtensions
{
    public static IHostApplicationBuilder AddSearchService(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<SearchDb>("search");
        builder.Services.Configure<SearchOptions>(builder.Configuration.GetSection("Search"));
        builder.Services.AddSingleton<ISearchBackend>(sp => CreateBackend(sp, builder.Configuration, builder.Environment.ContentRootPath));
        builder.Services.AddSingleton<Indexer>().AddHostedService(sp => sp.GetRequiredService<Indexer>());
        builder.Services.AddScoped<SearchPermissions>().AddScoped<Searcher>().AddScoped<Reindexer>();
        builder.AddConsumers(bus => bus.AddConsumers([.. SearchConsumers.All]));
        builder.AddIncidentDetails();
        builder.AddSearchGrpc();
        builder.AddServiceOpenApi("search", "Governance search");
        return builder;
    }

    public static WebApplication MapSearchService(this WebApplication app)
    {
        // REST endpoints on this group make search's OpenAPI document (/openapi/search.json).
        app.MapServiceApi("search").MapSearchApi();
        app.MapSearchGrpcService();
        return app;
    }

    /// <summary>
    /// Elasticsearch when <c>Search:Backend</c> says so or an <c>elasticsearch</c> connection string is given (the
    /// cluster); otherwise Lucene embedded, its index beside the host's SQLite files (<c>./data/search-index</c>).
    /// </summary>
    private static ISearchBackend CreateBackend(IServiceProvider services, IConfiguration configuration, string contentRoot)
    {
        var options = services.GetRequiredService<IOptions<SearchOptions>>().Value;
        var elastic = configuration.GetConnectionString("elasticsearch");
        var backend = options.Backend?.ToLowerInvariant() ?? (string.IsNullOrWhiteSpace(elastic) ? "lucene" : "elasticsearch");
        if (backend == "elasticsearch")
        {
            if (string.IsNullOrWhiteSpace(elastic)) throw new InvalidOperationException("Search:Backend is elasticsearch but ConnectionStrings:elasticsearch is not set.");
            return new ElasticsearchBackend(ElasticsearchBackend.Settings(new Uri(elastic)), options.IndexAlias, options.Analyzer,
                services.GetRequiredService<Microsoft.Extensions.Logging.ILogger<ElasticsearchBackend>>());
        }
        if (backend != "lucene") throw new InvalidOperationException($"Search:Backend '{options.Backend}' is neither lucene nor elasticsearch.");
        var directory = options.LuceneDirectory
            ?? Path.Combine(Path.GetFullPath(configuration["Database:Directory"] ?? "data", contentRoot), "search-index");
        return new LuceneBackend(directory);
    }
}
