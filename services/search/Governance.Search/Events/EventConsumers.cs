using Governance.Contracts.Grid;
using Governance.Contracts.Mediation;
using Governance.Contracts.Population;
using Governance.Contracts.VideoAlert;
using Governance.Messaging.Inbox;
using Governance.Messaging.OrgPaths;
using Governance.Search.Data;
using Governance.Search.Documents;
using MassTransit;

namespace Governance.Search.Events;

/// <summary>
/// Folds an event into its record's row of the read model, in the inbox's transaction: the row and the inbox claim
/// commit together, and the index follows the row (<see cref="Indexing.Indexer"/>), never the event, so a redelivery,
/// a crash between commit and indexing, or a reindex all end in the same index. A batch is folded together: its rows
/// and its paths' moves read once (<see cref="DocumentFolder.PrepareAsync"/>), its changes saved once.
/// </summary>
public abstract class SearchConsumer<TMessage>(SearchDb db) : InboxConsumer<SearchDb, TMessage>(db) where TMessage : class
{
    private DocumentFolder? _folder;

    protected override bool SavesAfterEachMessage => false;

    protected override async Task PrepareAsync(IReadOnlyList<ConsumeContext<TMessage>> messages, CancellationToken cancellationToken)
    {
        // A move committed before is in the log the fold follows; one not yet committed waits, then rewrites this fold's rows.
        await OrgMoves.HoldOffMovesAsync(Db, cancellationToken);
        _folder = new DocumentFolder(Db);
        await _folder.PrepareAsync(messages.Select(m => (object)m.Message), cancellationToken);
    }

    protected override Task HandleAsync(ConsumeContext<TMessage> context) =>
        (_folder ?? throw new InvalidOperationException("A batch is prepared before its events are folded.")).FoldAsync(context.Message, context.CancellationToken);
}

// One consumer (and so one queue) per event type. MassTransit names queues after the consumer class, without its
// namespace: the prefix keeps them apart from other services' consumers of the same events in the standalone host.
// Population's person events (PersonMovedIn/Out) and anything of a care case are not consumed: persons are never indexed.
public sealed class SearchIncidentReportedConsumer(SearchDb db) : SearchConsumer<IncidentReported>(db);
public sealed class SearchIncidentTransitionedConsumer(SearchDb db) : SearchConsumer<IncidentTransitioned>(db);
public sealed class SearchDisputeRegisteredConsumer(SearchDb db) : SearchConsumer<DisputeRegistered>(db);
public sealed class SearchDisputeEscalatedConsumer(SearchDb db) : SearchConsumer<DisputeEscalated>(db);
public sealed class SearchDisputeSettledConsumer(SearchDb db) : SearchConsumer<DisputeSettled>(db);
public sealed class SearchDisputeMediationFailedConsumer(SearchDb db) : SearchConsumer<DisputeMediationFailed>(db);
public sealed class SearchDisputeDeclinedConsumer(SearchDb db) : SearchConsumer<DisputeDeclined>(db);
public sealed class SearchDisputeWithdrawnConsumer(SearchDb db) : SearchConsumer<DisputeWithdrawn>(db);
public sealed class SearchDisputeFollowUpDoneConsumer(SearchDb db) : SearchConsumer<DisputeFollowUpDone>(db);
public sealed class SearchAlertRaisedConsumer(SearchDb db) : SearchConsumer<AlertRaised>(db);
public sealed class SearchAlertRoutedConsumer(SearchDb db) : SearchConsumer<AlertRouted>(db);
public sealed class SearchAlertAcknowledgedConsumer(SearchDb db) : SearchConsumer<AlertAcknowledged>(db);
public sealed class SearchAlertEscalatedConsumer(SearchDb db) : SearchConsumer<AlertEscalated>(db);
public sealed class SearchCameraRegisteredConsumer(SearchDb db) : SearchConsumer<CameraRegistered>(db);
public sealed class SearchCameraWentOfflineConsumer(SearchDb db) : SearchConsumer<CameraWentOffline>(db);
public sealed class SearchCameraCameOnlineConsumer(SearchDb db) : SearchConsumer<CameraCameOnline>(db);
public sealed class SearchCameraRetiredConsumer(SearchDb db) : SearchConsumer<CameraRetired>(db);
public sealed class SearchGridCellCreatedConsumer(SearchDb db) : SearchConsumer<GridCellCreated>(db);
public sealed class SearchGridCellChangedConsumer(SearchDb db) : SearchConsumer<GridCellChanged>(db);
public sealed class SearchHouseRegisteredConsumer(SearchDb db) : SearchConsumer<HouseRegistered>(db);
public sealed class SearchRentalGradeChangedConsumer(SearchDb db) : SearchConsumer<RentalGradeChanged>(db);

internal static class SearchConsumers
{
    /// <summary>Every consumer type above, for the bus registration and the tests that delete their queues.</summary>
    public static IReadOnlyList<Type> All { get; } = [.. typeof(SearchConsumers).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && typeof(IConsumer).IsAssignableFrom(t))];
}
