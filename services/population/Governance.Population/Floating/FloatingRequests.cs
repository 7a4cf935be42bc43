namespace Governance.Population.Floating;

/// <summary>A residence registration on arrival: <code>{ "personId": "…", "arrivedOn": "2026-11-01", "reason": "work" }</code></summary>
public sealed record ArrivalRequest(Guid? PersonId, DateOnly? ArrivedOn, string? Reason);

/// <summary>A departure: <code>{ "departedOn": "2026-12-01", "destination": "西宁市城东区" }</code></summary>
public sealed record DepartureRequest(DateOnly? DepartedOn, string? Destination);

/// <summary>A renewed residence permit: its new end, and its new number when it changed.</summary>
public sealed record RenewalRequest(DateOnly? ValidUntil, string? PermitNumber);

public sealed record StayView(Guid Id, Guid PersonId, string OrgPath, DateOnly ArrivedOn, string Reason, DateOnly? DepartedOn, string? Destination)
{
    public static StayView Of(FloatingStay s) => new(s.Id, s.PersonId, s.OrgPath, s.ArrivedOn, s.Reason, s.DepartedOn, s.Destination);
}

/// <summary>A permit reminder as grid workers see it: the person's name, the permit number masked, the days left (negative: expired).</summary>
public sealed record ReminderView(long Id, Guid PersonId, string Name, string? PermitNumber, DateOnly ValidUntil, int DaysLeft, string OrgPath);
