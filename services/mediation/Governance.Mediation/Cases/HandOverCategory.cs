namespace Governance.Mediation.Cases;

/// <summary>
/// Grid's incident category → a mediation category. Grid's catalogue has one dispute category,
/// <c>dispute</c> (矛盾纠纷), which says nothing of the kind: it becomes <see cref="DisputeCategory.Other"/>
/// and the mediator re-categorises. A grid code that happens to name a mediation category
/// (<c>neighbour</c>, <c>traffic_accident</c>, …) keeps it.
/// </summary>
public static class HandOverCategory
{
    public static DisputeCategory From(string gridCategory) => CaseNames.Parse<DisputeCategory>(gridCategory) ?? DisputeCategory.Other;
}
