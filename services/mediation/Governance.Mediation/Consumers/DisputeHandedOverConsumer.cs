using Governance.Contracts.Grid;
using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.Messaging.Inbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Governance.Mediation.Consumers;

/// <summary>
/// Grid's dispute hand-over becomes a case at the incident's org path (source incident_referral,
/// reference the incident id). The inbox drops a redelivered message; a second event for the same
/// incident (another message id) finds the case and adds nothing, and two racing ones meet the unique
/// (source, reference) index: the loser rolls back, and its retry finds the winner's case.
/// </summary>
public sealed class DisputeHandedOverConsumer(MediationDb db, CaseIntake intake) : InboxConsumer<MediationDb, DisputeHandedOver>(db)
{
    protected override async Task HandleAsync(ConsumeContext<DisputeHandedOver> context)
    {
        var e = context.Message;
        var reference = e.IncidentId.ToString();
        if (await Db.Cases.AnyAsync(c => c.Source == CaseSource.IncidentReferral && c.SourceReference == reference, context.CancellationToken)) return;
        await intake.RegisterHandOverAsync(e.IncidentId, e.Number, e.GridCode, e.OrgPath, e.Category, e.OccurredAt, context.CancellationToken);
    }
}
