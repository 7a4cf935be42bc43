namespace Governance.Population.Moves;

/// <summary>
/// Moving a person into a house, as the console sends it: <c>{ "houseId": "…", "on": "2026-11-01" }</c>. A person
/// living elsewhere moves out of there the same day (reason <c>moved</c>). <c>on</c> defaults to today (China time).
/// </summary>
public sealed record MoveInRequest(Guid? HouseId, DateOnly? On);

/// <summary>Moving a person out, to nowhere recorded: <c>{ "reason": "departed", "on": "2026-11-20" }</c>.</summary>
public sealed record MoveOutRequest(string? Reason, DateOnly? On);

/// <summary>A stay as every read answers it: ids and dates, no personal data.</summary>
public sealed record StayView(Guid Id, Guid PersonId, Guid HouseId, string OrgPath, DateOnly From, DateOnly? Until, string? EndReason)
{
    public static StayView Of(Stay s) => new(s.Id, s.PersonId, s.HouseId, s.OrgPath, s.From, s.Until, s.EndReason);
}
