namespace Governance.Mediation.Privacy;

/// <summary>
/// Why a party's contact is revealed: the few things mediation staff call or write to a party for.
/// A fixed list, so that the audit trail can be read and counted; <see cref="Other"/> needs the reader's own words.
/// </summary>
public enum RevealPurpose
{
    /// <summary>To arrange a mediation session (通知调解).</summary>
    ArrangeSession,

    /// <summary>To deliver documents: the agreement, a notice (送达).</summary>
    DeliverDocuments,

    /// <summary>To check how the agreement is performed (履行回访).</summary>
    PerformanceCheck,

    /// <summary>The follow-up visit after the outcome (回访).</summary>
    FollowUpVisit,

    /// <summary>To help the parties request judicial confirmation (司法确认).</summary>
    JudicialConfirmation,

    /// <summary>Another purpose, said in the note.</summary>
    Other,
}
