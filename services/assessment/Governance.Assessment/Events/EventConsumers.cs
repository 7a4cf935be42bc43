using Governance.Assessment.Data;
using Governance.Assessment.Facts;
using Governance.Assessment.Replay;
using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Governance.Contracts.Population;
using Governance.Contracts.VideoAlert;
using Governance.Messaging.Inbox;
using Governance.Messaging.OrgPaths;
using MassTransit;

namespace Governance.Assessment.Events;

/// <summary>
/// Logs an event in <c>assessment_events</c> and folds it into the facts, in one transaction (the inbox's): either both
/// are there or neither, so replay (which reads the log) and the live facts never disagree about what was received.
/// </summary>
public abstract class AssessmentConsumer<TMessage>(AssessmentDb db, TimeProvider clock) : InboxConsumer<AssessmentDb, TMessage>(db) where TMessage : class
{
    protected override async Task HandleAsync(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException("An event without a message id cannot be logged.");
        var logged = EventTypes.ToLog(context.Message, messageId, clock.GetUtcNow().UtcDateTime);
        await FoldLock.SharedAsync(Db, context.CancellationToken);
        // A move committed before is in the log the fold reads; one not yet committed waits and then rewrites this fold's rows.
        await OrgMoves.HoldOffMovesAsync(Db, context.CancellationToken);
        await FoldLock.RecordAsync(Db, logged.RecordKind, logged.RecordId, context.CancellationToken);
        Db.Events.Add(logged);
        await new FactFolder(Db).FoldAsync(context.Message, messageId, context.CancellationToken);
    }
}

// One consumer (and so one queue) per event type. MassTransit names queues after the consumer class, without its
// namespace: the prefix keeps them apart from grid's and mediation's consumers of the same events in the standalone host.
public sealed class AssessIncidentDispatchedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<IncidentDispatched>(db, clock);
public sealed class AssessIncidentReturnedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<IncidentReturned>(db, clock);
public sealed class AssessIncidentClosedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<IncidentClosed>(db, clock);
public sealed class AssessIncidentEvaluatedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<IncidentEvaluated>(db, clock);
public sealed class AssessIncidentOverdueConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<IncidentOverdue>(db, clock);
public sealed class AssessDisputeRegisteredConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<DisputeRegistered>(db, clock);
public sealed class AssessDisputeEscalatedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<DisputeEscalated>(db, clock);
public sealed class AssessDisputeReferralAcknowledgedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<DisputeReferralAcknowledged>(db, clock);
public sealed class AssessDisputeSettledConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<DisputeSettled>(db, clock);
public sealed class AssessDisputeMediationFailedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<DisputeMediationFailed>(db, clock);
public sealed class AssessDisputeDeclinedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<DisputeDeclined>(db, clock);
public sealed class AssessDisputeWithdrawnConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<DisputeWithdrawn>(db, clock);
public sealed class AssessAlertRaisedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<AlertRaised>(db, clock);
public sealed class AssessAlertRoutedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<AlertRouted>(db, clock);
public sealed class AssessAlertAcknowledgedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<AlertAcknowledged>(db, clock);
public sealed class AssessCameraWentOfflineConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<CameraWentOffline>(db, clock);
public sealed class AssessCameraCameOnlineConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<CameraCameOnline>(db, clock);
public sealed class AssessRentalInspectedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<RentalInspected>(db, clock);
