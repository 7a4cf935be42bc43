using Governance.Contracts.Grid;
using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.Messaging.Inbox;
using Governance.Messaging.OrgPaths;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Consumers;

/// <summary>
/// Grid's dispute hand-over becomes a case at the incident's org path (source incident_referral,
/// reference the incident id). The inbox drops a redelivered message; a second event for the same
/// incident (another message id) finds the case and adds nothing, and two racing ones meet the unique
/// (source, reference) index: the loser rolls back, and its retry finds the winner's case. The
/// incident's path is brought up to date first: a community may have moved since grid wrote it (or
/// before grid heard of the move), and the move's rewrite has already run here or waits on the lock.
/// </summary>
public sealed class DisputeHandedOverConsumer(MediationDb db, CaseIntake intake) : InboxConsumer<MediationDb, DisputeHandedOver>(db)
{
    protected override async Task HandleAsync(ConsumeContext<DisputeHandedOver> context)
    {
        var e = context.Message;
        var reference = e.IncidentId.ToString();
        if (await Db.Cases.AnyAsync(c => c.Source == CaseSource.IncidentReferral && c.SourceReference == reference, context.CancellationToken)) return;
        await OrgMoves.LockAsync(Db, context.CancellationToken);
        var orgPath = await OrgMoves.CurrentPathAsync(Db, e.OrgPath, DateTime.MinValue, context.CancellationToken);
        await intake.RegisterHandOverAsync(e.IncidentId, e.Number, e.GridCode, orgPath, e.Category, e.OccurredAt, context.CancellationToken);
    }
}
