namespace Governance.Grid.Dispatch;

/// <summary>What the centre sends: one lead department (主办), optional assisting ones (协办), optionally a handler in the lead, a note.</summary>
public sealed record DispatchOrder(string? DepartmentId, IReadOnlyList<string>? AssistingDepartmentIds, string? HandlerId, string? Note);
