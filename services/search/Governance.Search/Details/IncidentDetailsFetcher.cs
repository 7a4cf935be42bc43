using Governance.Contracts.Grid.V1;
using Governance.Grpc.Client;
using Governance.Search.Data;
using Governance.Search.Documents;
using Governance.Search.Indexing;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Search.Details;

/// <summary>
/// Incidents' events carry their number, category and grid, not their words: this fetches the title, description and
/// address of incidents marked <see cref="SearchDocument.DetailsWanted"/> from grid (<c>GetIncidents</c>, 200 at a
/// time, with search's own service account), masks the phone and identity numbers typed into them
/// (<see cref="PersonalNumbers"/>), adds them to the document's text and marks it pending for the indexer.
/// An incident grid does not answer for (outside the account's reach, or unknown) is indexed from its events alone.
/// When grid or identity is away the rows stay wanted and the next round asks again; a row an event changed meanwhile
/// (its revision moved) is left for the next round too.
/// </summary>
public sealed partial class IncidentDetailsFetcher(IServiceScopeFactory scopes, ISearchGridToken token, IOptions<SearchOptions> options,
    ILogger<IncidentDetailsFetcher> logger) : BackgroundService
{
    public const int BatchSize = 200;
    private const int MaxDetails = 2000;
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            if (scope.ServiceProvider.GetService<GridService.GridServiceClient>() is null)
            {
                LogNoGrid(logger, ClientCredentialsSearchGridToken.AddressKey);
                return;
            }
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await FetchAsync(stoppingToken) == BatchSize) { }
            }
            // Any failure (grid, identity or the database away) ends the round, not the service, as the indexer's does.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, e.Message);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(options.Value.DetailsIntervalMs), stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>One batch of wanted incidents; answers how many rows it settled.</summary>
    public async Task<int> FetchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        // A typed client per round, from grpc-dotnet's factory (it rotates the handlers under it).
        if (scope.ServiceProvider.GetService<GridService.GridServiceClient>() is not { } grid) return 0;
        var db = scope.ServiceProvider.GetRequiredService<SearchDb>();
        var rows = await db.Documents.Where(d => d.DetailsWanted && d.Type == RecordTypes.Incident).OrderBy(d => d.Id).Take(BatchSize).ToListAsync(ct);
        if (rows.Count == 0) return 0;
        var request = new GetIncidentsRequest();
        request.IncidentIds.AddRange(rows.Select(r => r.RecordId));
        var bearer = await token.GetAsync(ct);
        var answer = await grid.GetIncidentsAsync(request, new Metadata { { "authorization", $"Bearer {bearer}" } }, DateTime.UtcNow + CallDeadline, ct);
        var found = answer.Incidents.ToDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);
        var now = DateTime.UtcNow;
        foreach (var row in rows)
        {
            row.DetailsWanted = false;
            if (!found.TryGetValue(row.RecordId, out var incident)) continue;
            var details = PersonalNumbers.Mask(string.Join(' ', new[] { incident.Title, incident.Description, incident.Address }.Where(t => t.Length > 0)));
            row.Details = details.Length > MaxDetails ? details[..MaxDetails] : details;
            if (incident.Title.Length > 0) row.Title = Truncate($"事件 {incident.Number} {PersonalNumbers.Mask(incident.Title)}", 200);
            DocumentFolder.ComposeText(row);
            SearchDocument.MarkPending(db.Entry(row), now);
        }
        await SaveSkippingConflictsAsync(db, ct);
        if (found.Count < rows.Count) LogNotAnswered(logger, rows.Count - found.Count);
        return rows.Count;
    }

    // Revision is a concurrency token: a row an event folded meanwhile is left out (still wanted in the database, asked
    // again next round) and the rest saved; the failed attempt's transaction wrote nothing.
    private static async Task SaveSkippingConflictsAsync(SearchDb db, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException e)
            {
                foreach (var entry in e.Entries) entry.State = EntityState.Detached;
            }
        }
    }

    private static string Truncate(string value, int max) => value.Length > max ? value[..max] : value;

    [LoggerMessage(Level = LogLevel.Information, Message = "No grid address ({Key}): incidents are searchable by their events' words only")]
    private static partial void LogNoGrid(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fetching incidents' details from grid failed; they stay wanted for the next round: {Reason}")]
    private static partial void LogRoundFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grid did not answer for {Count} incidents (outside search's service account's reach, or unknown): indexed from their events alone")]
    private static partial void LogNotAnswered(ILogger logger, int count);
}
