using Governance.Contracts.VideoAlert;
using Governance.VideoAlert.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Grpc;

/// <summary>
/// Feeds the service's own alert events to this replica's open watches (<see cref="AlertFanOut"/>). Its queue is this
/// replica's alone (a temporary endpoint with an instance id, deleted when the replica stops), so every replica sees
/// every change, whichever one made it. The events carry no department, so the alert is read once per event (only when
/// a watch is open) and sent as it is then. No inbox: it stores nothing, and a watch drops a version it has already sent.
/// </summary>
public sealed class AlertWatchConsumer(AlertFanOut fanOut, VideoAlertDb db)
    : IConsumer<AlertRaised>, IConsumer<AlertRouted>, IConsumer<AlertAcknowledged>, IConsumer<MaintenanceTaskClosed>
{
    public const string Raised = "raised", Routed = "routed", Acknowledged = "acknowledged", Resolved = "resolved";

    public Task Consume(ConsumeContext<AlertRaised> context) => SendAsync(context.Message.AlertId, Raised, context.CancellationToken);

    public Task Consume(ConsumeContext<AlertRouted> context) => SendAsync(context.Message.AlertId, Routed, context.CancellationToken);

    public Task Consume(ConsumeContext<AlertAcknowledged> context) => SendAsync(context.Message.AlertId, Acknowledged, context.CancellationToken);

    /// <summary>A closed maintenance task that resolved its alert: the watchers see the alert leave their open work.</summary>
    public Task Consume(ConsumeContext<MaintenanceTaskClosed> context) =>
        context.Message.AlertResolved ? SendAsync(context.Message.AlertId, Resolved, context.CancellationToken) : Task.CompletedTask;

    private async Task SendAsync(Guid alertId, string change, CancellationToken ct)
    {
        if (fanOut.Open == 0) return;
        var alert = await db.Alerts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == alertId, ct);
        if (alert is not null) fanOut.Publish(alert, change);
    }
}
