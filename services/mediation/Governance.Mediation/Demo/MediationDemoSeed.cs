using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Governance.Mediation.Completion;
using Governance.Mediation.Data;
using Governance.Mediation.Work;
using Governance.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Mediation.Demo;

/// <summary>Demo settings. JSON shape: <code>"Mediation": { "DemoSeed": true }</code> (the standalone host only).</summary>
public sealed class MediationDemoOptions
{
    public const string Section = "Mediation";
    public bool DemoSeed { get; set; }
}

/// <summary>
/// The standalone demo's mediation work: the disputes grid's demo hands over arrive as cases with no parties; once they
/// have, a people's mediation committee is set up at each level and node they lie at, and the first half of them (at
/// least one) are completed with two parties, assigned, mediated in a session and settled by an agreement both parties
/// signed — through the services a mediator's requests use (<see cref="CaseCompletion"/>, <see cref="MediationSteps"/>,
/// <see cref="OutcomeSteps"/>), so the rules run as for anyone and <c>DisputeSettled</c> goes out through the outbox (the
/// dispute success rate of assessment's demo counts them). The rest stay open for a newcomer to work. Runs once: nothing
/// happens when the demo committee exists.
/// </summary>
internal sealed partial class MediationDemoSeed(IServiceScopeFactory scopes, IOptions<MediationDemoOptions> options, TimeProvider clock,
    ILogger<MediationDemoSeed> logger) : BackgroundService
{
    public const string BodyName = "演示人民调解委员会";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DemoSeed) return;
        try
        {
            await using (var scope = scopes.CreateAsyncScope())
                if (await scope.ServiceProvider.GetRequiredService<MediationDb>().Bodies.AnyAsync(b => b.Name.StartsWith(BodyName), stoppingToken)) return;
            // Grid's demo hands its disputes over minutes after start (once it has drawn the county); wait for them, then a
            // little longer, so the cases that came together are worked together.
            if (!await WaitAsync(HaveHandOversAsync, TimeSpan.FromMinutes(15), stoppingToken)) { LogNoCases(logger); return; }
            if (!await WaitAsync(MayWorkAsync, TimeSpan.FromMinutes(2), stoppingToken)) { LogNoRoles(logger); return; }
            await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
            LogSeeded(logger, await SettleAsync(stoppingToken));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    private async Task<int> SettleAsync(CancellationToken ct)
    {
        List<DisputeCase> cases;
        await using (var scope = scopes.CreateAsyncScope())
            cases = await scope.ServiceProvider.GetRequiredService<MediationDb>().Cases.AsNoTracking()
                .Where(c => c.Source == CaseSource.IncidentReferral && c.State == CaseState.Registered).OrderBy(c => c.Number).ToListAsync(ct);
        var root = OrgPath.Parse(cases[0].OrgPath.Split('/')[0]);
        var mediator = new Caller("demo-mediator", root, new HashSet<string> { "mediator" }, new HashSet<string>(), "demo-seed");
        var settled = 0;
        foreach (var c in cases.Take(Math.Max(1, cases.Count / 2)))
        {
            await using var scope = scopes.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var (body, person) = await CommitteeAsync(services.GetRequiredService<MediationDb>(), c, ct);
            var completion = services.GetRequiredService<CaseCompletion>();
            var (_, applicant) = await completion.AddPartyAsync(mediator, c.Id, new PartyRequest("person", "applicant", "张三", "13800000001"), ct);
            var (_, respondent) = await completion.AddPartyAsync(mediator, c.Id, new PartyRequest("person", "respondent", "李四", "13800000002"), ct);
            var steps = services.GetRequiredService<MediationSteps>();
            await steps.AssignAsync(mediator, c.Id, new AssignRequest(body, person, "演示: 指派调解员"), ct);
            var now = clock.GetUtcNow().UtcDateTime;
            await steps.AddSessionAsync(mediator, c.Id, new SessionRequest(now, "社区调解室", null, ["张三", "李四"], "演示: 双方当面协商，达成一致"), ct);
            await services.GetRequiredService<OutcomeSteps>().RecordAsync(mediator, c.Id, new OutcomeRequest("agreement", "演示: 李四于十日内修复并赔偿张三损失。",
                [new AmountRequest("赔偿金", 800m)], DateOnly.FromDateTime(now.AddDays(10)),
                [new ConfirmationRequest(applicant.Id, "paper_signature", now), new ConfirmationRequest(respondent.Id, "paper_signature", now)], null, null), ct);
            settled++;
        }
        return settled;
    }

    /// <summary>The demo committee serving the case's level and node, with one mediator: set up once per level and node.</summary>
    private static async Task<(Guid Body, Guid Mediator)> CommitteeAsync(MediationDb db, DisputeCase c, CancellationToken ct)
    {
        var found = await db.Bodies.Where(b => b.Name.StartsWith(BodyName) && b.Level == c.Level && b.OrgPath == c.ResponsibleOrgPath)
            .Select(b => new { b.Id, Mediator = db.Mediators.Where(m => m.BodyId == b.Id).Select(m => m.Id).First() }).FirstOrDefaultAsync(ct);
        if (found is not null) return (found.Id, found.Mediator);
        var body = new MediationBody { Name = $"{BodyName}（{c.ResponsibleOrgPath}）", Kind = BodyKind.PeoplesCommittee, Specialty = "general", Level = c.Level, OrgPath = c.ResponsibleOrgPath };
        var mediator = new Mediator { BodyId = body.Id, Name = "王调解", Specialties = "neighbour other" };
        db.Bodies.Add(body);
        db.Mediators.Add(mediator);
        await db.SaveChangesAsync(ct);
        return (body.Id, mediator.Id);
    }

    private async Task<bool> HaveHandOversAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MediationDb>().Cases
            .AnyAsync(c => c.Source == CaseSource.IncidentReferral && c.State == CaseState.Registered, ct);
    }

    // Cases are worked as a mediator would: until identity's roles document has been read, that is refused.
    private async Task<bool> MayWorkAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RolePermissions>().PermitsAsync(["mediator"], "mediation.work", ct);
    }

    private static async Task<bool> WaitAsync(Func<CancellationToken, Task<bool>> ready, TimeSpan patience, CancellationToken ct)
    {
        for (var waited = TimeSpan.Zero; waited < patience; waited += TimeSpan.FromSeconds(1))
        {
            if (await ready(ct)) return true;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mediation DEMO seed: {Settled} handed-over disputes settled by the demo committee. Demo data only.")]
    private static partial void LogSeeded(ILogger logger, int settled);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mediation demo seed skipped: no dispute was handed over by grid's demo")]
    private static partial void LogNoCases(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mediation demo seed: identity's roles document could not be read; no demo settlements")]
    private static partial void LogNoRoles(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mediation demo seed failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
