using Governance.Contracts.Grid;
using MassTransit;

namespace Governance.Grid.Grpc;

/// <summary>
/// Feeds the grid's own <see cref="IncidentDispatched"/> events to this replica's open watches. Its
/// queue is this replica's alone (a temporary endpoint with an instance id, deleted when the replica
/// stops), so every replica sees every dispatch, whichever one made it. No inbox: it stores nothing,
/// and a watch drops a redelivered dispatch it has already sent.
/// </summary>
public sealed class DispatchWatchConsumer(DispatchFanOut fanOut) : IConsumer<IncidentDispatched>
{
    public Task Consume(ConsumeContext<IncidentDispatched> context)
    {
        fanOut.Publish(context.Message);
        return Task.CompletedTask;
    }
}
