using Governance.Contracts.Mediation;
using Governance.Grid.Data;
using Governance.Messaging.Inbox;
using MassTransit;

namespace Governance.Grid.Incidents.HandOver;

// Mediation's events about cases handed over from here, onto their incidents (MediationFollowing).
// One consumer (and queue) per event: they arrive in any order, each at least once.

public sealed class DisputeRegisteredConsumer(GridDb db, MediationFollowing following) : InboxConsumer<GridDb, DisputeRegistered>(db)
{
    protected override Task HandleAsync(ConsumeContext<DisputeRegistered> context)
    {
        var e = context.Message;
        var incident = e.Source == "incident_referral" && Guid.TryParse(e.SourceReference, out var id) ? id : (Guid?)null;
        return following.ApplyAsync(incident, e.CaseId, e.Number, "registered", e.OccurredAt, e.Level, false,
            $"registered by mediation at the {e.Level} level", context.CancellationToken);
    }
}

public sealed class DisputeEscalatedConsumer(GridDb db, MediationFollowing following) : InboxConsumer<GridDb, DisputeEscalated>(db)
{
    // The escalation's reason is the mediator's words: it stays in mediation.
    protected override Task HandleAsync(ConsumeContext<DisputeEscalated> context) => following.ApplyAsync(context.Message.IncidentId, context.Message.CaseId,
        context.Message.Number, "escalated", context.Message.OccurredAt, context.Message.ToLevel, false,
        $"escalated from the {context.Message.FromLevel} to the {context.Message.ToLevel} level", context.CancellationToken);
}

public sealed class DisputeSettledConsumer(GridDb db, MediationFollowing following) : InboxConsumer<GridDb, DisputeSettled>(db)
{
    protected override Task HandleAsync(ConsumeContext<DisputeSettled> context)
    {
        var e = context.Message;
        return following.ApplyAsync(e.IncidentId, e.CaseId, e.Number, e.Partial ? "partially_settled" : "settled", e.OccurredAt, e.Level, false,
            $"{(e.Partial ? "partially settled" : "settled")} at the {e.Level} level by an agreement every party confirmed; the follow-up visit closes it",
            context.CancellationToken);
    }
}

public sealed class DisputeMediationFailedConsumer(GridDb db, MediationFollowing following) : InboxConsumer<GridDb, DisputeMediationFailed>(db)
{
    protected override Task HandleAsync(ConsumeContext<DisputeMediationFailed> context)
    {
        var e = context.Message;
        return following.ApplyAsync(e.IncidentId, e.CaseId, e.Number, "failed", e.OccurredAt, e.Escalated ? e.Level : e.ReferredTo, !e.Escalated,
            e.Escalated ? $"mediation failed at the {e.Level} level; it goes on at the next level"
                : $"mediation failed at the {e.Level} level; the parties were referred to {e.ReferredTo}", context.CancellationToken);
    }
}

public sealed class DisputeWithdrawnConsumer(GridDb db, MediationFollowing following) : InboxConsumer<GridDb, DisputeWithdrawn>(db)
{
    protected override Task HandleAsync(ConsumeContext<DisputeWithdrawn> context) => following.ApplyAsync(context.Message.IncidentId, context.Message.CaseId,
        context.Message.Number, "withdrawn", context.Message.OccurredAt, context.Message.Reason, true,
        $"withdrawn by the applicant ({context.Message.Reason})", context.CancellationToken);
}

public sealed class DisputeDeclinedConsumer(GridDb db, MediationFollowing following) : InboxConsumer<GridDb, DisputeDeclined>(db)
{
    protected override Task HandleAsync(ConsumeContext<DisputeDeclined> context) => following.ApplyAsync(context.Message.IncidentId, context.Message.CaseId,
        context.Message.Number, "declined", context.Message.OccurredAt, context.Message.Reason, true,
        $"declined by the mediation body ({context.Message.Reason})", context.CancellationToken);
}

public sealed class DisputeFollowUpDoneConsumer(GridDb db, MediationFollowing following) : InboxConsumer<GridDb, DisputeFollowUpDone>(db)
{
    protected override Task HandleAsync(ConsumeContext<DisputeFollowUpDone> context) => following.ApplyAsync(context.Message.IncidentId, context.Message.CaseId,
        context.Message.Number, "follow_up", context.Message.OccurredAt, context.Message.Satisfaction.ToString(System.Globalization.CultureInfo.InvariantCulture), true,
        $"followed up (satisfaction {context.Message.Satisfaction} of 5); mediation closed the case", context.CancellationToken);
}
