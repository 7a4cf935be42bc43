using Governance.Assessment.Data;
using Governance.Assessment.Facts;
using Governance.Assessment.Replay;
using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Governance.Contracts.Population;
using Governance.Contracts.VideoAlert;
using Governance.Messaging.Inbox;
using MassTransit;

namespace Governance.Assessment.Events;

/// <summary>
/// Logs an event in <c>assessment_events</c> and folds it into the facts, in one transaction (the inbox's): either both
/// are there or neither, so replay (which reads the log) and the live facts never disagree about what was received.
/// A batch of events is prepared at once, as replay's batches are: the locks, identity's moves and the rows it folds into
/// are taken and read once for the batch, the folds then look rows up in the change tracker, and the batch is saved once.
/// </summary>
public abstract class AssessmentConsumer<TMessage>(AssessmentDb db, TimeProvider clock) : InboxConsumer<AssessmentDb, TMessage>(db) where TMessage : class
{
    private readonly Dictionary<Guid, AssessmentEvent> _logged = [];
    private FactFolder? _folder;

    /// <summary>Whether the event is logged and folded at all (all are, but for the steps a consumer drops).</summary>
    protected virtual bool Folds(TMessage message) => true;

    protected override bool SavesAfterEachMessage => false;

    protected override async Task PrepareAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, CancellationToken cancellationToken)
    {
        _logged.Clear();
        _folder = null;
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var message in messages.Where(m => Folds(m.Message)))
        {
            var messageId = message.MessageId ?? throw new InvalidOperationException("An event without a message id cannot be logged.");
            _logged[messageId] = EventTypes.ToLog(message.Message, messageId, now);
        }
        if (_logged.Count == 0) return;
        await FoldLock.BatchAsync(Db, _logged.Values.Select(e => (e.RecordKind, e.RecordId)), cancellationToken);
        await FactPreload.LoadAsync(Db, _logged.Values, cancellationToken);
        _folder = new FactFolder(Db) { Preloaded = true };
    }

    protected override async Task HandleAsync(ConsumeContext<TMessage> context)
    {
        if (!_logged.Remove(context.MessageId ?? Guid.Empty, out var logged)) return;
        Db.Events.Add(logged);
        await _folder!.FoldAsync(context.Message, logged.MessageId, context.CancellationToken);
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
