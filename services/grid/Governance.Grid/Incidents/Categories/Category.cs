namespace Governance.Grid.Incidents.Categories;

/// <summary>
/// A kind of problem (city appearance, public facilities, …), held as data: which department kind
/// owns it, whether it is a dispute (which may go to mediation), and its deadlines.
/// </summary>
public sealed class Category
{
    public required string Code { get; init; }
    public required string Name { get; set; }

    /// <summary>The kind of member department that usually handles it, e.g. <c>UrbanManagement</c>.</summary>
    public required string OwningDepartmentKind { get; set; }

    /// <summary>A dispute between people: the centre may hand it over to mediation instead of dispatching it.</summary>
    public bool IsDispute { get; set; }

    /// <summary>The Open311 service it is offered as; false keeps it internal (e.g. a video alert's kinds).</summary>
    public bool OfferedToCitizens { get; set; } = true;

    /// <summary>Its deadlines run in the county's working hours only (the working-time calendar), not round the clock.</summary>
    public bool CountsWorkingTime { get; set; }

    public List<CategoryDeadline> Deadlines { get; init; } = [];
}

/// <summary>How long one step may take for a category at an urgency.</summary>
public sealed class CategoryDeadline
{
    public required string Category { get; init; }
    public Urgency Urgency { get; init; }

    /// <summary>register, dispatch, accept, handle or verify.</summary>
    public required string Step { get; init; }

    public int Minutes { get; set; }
}
