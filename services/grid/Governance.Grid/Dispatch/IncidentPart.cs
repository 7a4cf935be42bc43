namespace Governance.Grid.Dispatch;

/// <summary>主办 (lead) or 协办 (assisting).</summary>
public enum PartRole
{
    Lead,
    Assisting,
}

/// <summary>
/// Where a department's part of one dispatch stands. <see cref="Returned"/> (退单) and
/// <see cref="Withdrawn"/> (the dispatch it belonged to was returned or replaced) end it without work.
/// </summary>
public enum PartState
{
    Dispatched,
    Accepted,
    Handled,
    Returned,
    Withdrawn,
}

/// <summary>
/// One department's part of one dispatch of an incident: the lead's (whose feedback verification
/// waits for) and each assisting department's, which accepts and feeds back on its own. The
/// incident's own state and <c>DepartmentId</c> stay the lead's; these rows add the assisting
/// departments and keep every dispatch's history, which the department figures count.
/// </summary>
public sealed class IncidentPart
{
    public long Id { get; init; }
    public Guid IncidentId { get; init; }
    public required string DepartmentId { get; init; }
    public PartRole Role { get; init; }

    /// <summary>Which dispatch of the incident this part belongs to: 1 for the first, one more for each re-dispatch or rework.</summary>
    public int Round { get; init; }

    public PartState State { get; set; }
    public DateTime DispatchedAt { get; init; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? HandledAt { get; set; }
    public DateTime? ReturnedAt { get; set; }

    /// <summary>Who in the department accepted it.</summary>
    public string? HandlerId { get; set; }

    /// <summary>The department's feedback, or its reason for returning the incident.</summary>
    public string? Note { get; set; }

    /// <summary>Still the department's to act on (or to follow, once handled).</summary>
    public bool IsOpen => State is PartState.Dispatched or PartState.Accepted;
}
