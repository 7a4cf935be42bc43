namespace Governance.Grid.Incidents;

/// <summary>
/// The closed loop's states. <see cref="Rejected"/>, <see cref="Merged"/> and <see cref="Evaluated"/> end it.
/// <see cref="HandedOver"/> is open: a dispute waits there while mediation works on it, and closes when mediation ends.
/// </summary>
public enum IncidentState
{
    Reported,
    Registered,
    Rejected,
    Dispatched,
    /// <summary>The lead department returned it as not its own (退单): back with the centre for re-dispatch (改派).</summary>
    Returned,
    Accepted,
    Handled,
    Verified,
    Closed,
    Evaluated,
    Merged,
    HandedOver,
}

public enum IncidentSource
{
    Patrol,
    Citizen,
    Hotline,
    VideoAlert,
    Department,
}

public enum Urgency
{
    Normal,
    Urgent,
    Critical,
}

/// <summary>A problem found in a grid, carried through the closed loop until solved and judged.</summary>
public sealed class Incident
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The human reference: report date and a running number, e.g. <c>20261123-000042</c>.</summary>
    public required string Number { get; set; }

    public IncidentSource Source { get; init; }
    public required string Category { get; set; }
    public Urgency Urgency { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    /// <summary>The point in WGS-84 (converted from what was sent), as the grids' polygons are.</summary>
    public double Latitude { get; init; }
    public double Longitude { get; init; }

    /// <summary>What the reporter sent: wgs84, gcj02 or bd09, and the point as given. Null on incidents from before it was kept.</summary>
    public string? SentCoordinateSystem { get; init; }
    public double? SentLatitude { get; init; }
    public double? SentLongitude { get; init; }
    public string? Address { get; init; }

    /// <summary>The grid the location lies in.</summary>
    public required string GridCode { get; init; }

    /// <summary>Where the incident lies: its grid's org path. Decides who may see it.</summary>
    public required string OrgPath { get; set; }

    /// <summary>The centre responsible for carrying it: the grid's community at first, higher after escalation.</summary>
    public required string ResponsibleOrgPath { get; set; }

    public IncidentState State { get; set; }

    /// <summary>Who reported it: a user id, or for a citizen the Open311 client and account it came through.</summary>
    public required string ReportedBy { get; init; }

    /// <summary>
    /// The reporting system's own id for this report (e.g. video-alert's alert id): with <see cref="ReportedBy"/> it names
    /// the report once, so a retry after a lost answer gets the incident it already opened, never a second one.
    /// </summary>
    public string? ReportRequestId { get; init; }

    public string? DepartmentId { get; set; }
    public string? HandlerId { get; set; }

    /// <summary>The step now running and when it is due; null once nothing is due (closed, rejected, …).</summary>
    public string? Step { get; set; }
    public DateTime? StepDueAt { get; set; }
    public DateTime? StepWarnAt { get; set; }

    /// <summary>The rules version the running step's deadline was computed from: a later change never moves it.</summary>
    public int? RulesVersion { get; set; }

    /// <summary>none, yellow or red: the warning already given for the running step.</summary>
    public string Warning { get; set; } = "none";

    /// <summary>True once any step went past its deadline.</summary>
    public bool WasOverdue { get; set; }

    public int Reworks { get; set; }
    public int Extensions { get; set; }

    /// <summary>A pending extension request: the new deadline asked for.</summary>
    public DateTime? ExtensionRequestedUntil { get; set; }

    public Guid? MergedInto { get; set; }
    public int? Satisfaction { get; set; }
    public DateTime ReportedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<IncidentStep> Timeline { get; init; } = [];
}

/// <summary>One line of an incident's timeline: who did what, when, with what note and attachments.</summary>
public sealed class IncidentStep
{
    public long Id { get; init; }
    public Guid IncidentId { get; init; }
    public DateTime At { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public required string FromState { get; init; }
    public required string ToState { get; init; }
    public string? Note { get; init; }

    /// <summary>Attachment metadata as JSON (name, content type, size, address); the files live elsewhere.</summary>
    public string? Attachments { get; init; }
}
