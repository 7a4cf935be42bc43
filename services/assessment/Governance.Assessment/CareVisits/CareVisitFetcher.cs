using System.Globalization;
using Governance.Assessment.Data;
using Governance.Assessment.Facts;
using Governance.Contracts.Population.V1;
using Governance.Grpc.Client;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Assessment.CareVisits;

/// <summary>
/// Asks population for one month's care visits per community (<c>GetCareVisitFigures</c>, ADR 0013 §6) as assessment's
/// service account (<see cref="IPopulationToken"/>), and keeps the answer in <c>care_visit_figures</c>, replacing that
/// month's rows in one transaction: counts only, never a case or a person. The account's whole reach is asked (no org),
/// so one fetch serves every subtree the indicator is measured over.
/// </summary>
public sealed class CareVisitFetcher(AssessmentDb db, IServiceProvider services, IPopulationToken token, TimeProvider clock)
{
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    public sealed record Fetched(string Month, int Communities, int Withheld, int Due, int OnTime);

    public async Task<Fetched> FetchAsync(string? month, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(month?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            throw DomainException.Invalid("month", "The month must be given as yyyy-MM.");
        var label = first.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var population = services.GetService<PopulationService.PopulationServiceClient>()
            ?? throw DomainException.Unavailable("No population service is configured (Assessment:Population:Address), so care visits cannot be counted.");
        string bearer;
        try
        {
            bearer = await token.GetAsync(ct);
        }
        catch (ServiceAccountTokenUnavailableException)
        {
            throw DomainException.Unavailable("Assessment's service account has no token now, so population cannot be asked; try again shortly.");
        }
        CareVisitFigures reply;
        try
        {
            reply = await population.GetCareVisitFiguresAsync(new GetCareVisitFiguresRequest { Month = label },
                new Metadata { { "authorization", $"Bearer {bearer}" } }, DateTime.UtcNow + CallDeadline, ct);
        }
        catch (RpcException e) when (e.StatusCode != StatusCode.Cancelled || !ct.IsCancellationRequested)
        {
            throw DomainException.Unavailable($"Population did not give the care-visit counts ({e.StatusCode}); try again shortly.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var rows = reply.Rows.Select(r => new CareVisitFigure
        {
            Community = r.Community, Month = first, MonthStartUtc = Stamp.StartOfChinaDay(first),
            Due = r.HasDue ? r.Due : null, OnTime = r.HasOnTime ? r.OnTime : null, Late = r.HasLate ? r.Late : null, Missed = r.HasMissed ? r.Missed : null,
            Shown = r.Shown, FetchedAt = now,
        }).ToList();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Two fetches of one month (an operator's and the refresher's) take turns: each replaces the rows whole.
            await Replay.FoldLock.RecordAsync(db, "care-visits", label, ct);
            await db.Set<CareVisitFigure>().Where(f => f.Month == first).ExecuteDeleteAsync(ct);
            db.Set<CareVisitFigure>().AddRange(rows);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        });
        return new Fetched(label, rows.Count, rows.Count(r => r.Due is null), rows.Sum(r => r.Due ?? 0), rows.Sum(r => r.OnTime ?? 0));
    }
}
