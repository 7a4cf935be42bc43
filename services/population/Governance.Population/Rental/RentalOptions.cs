namespace Governance.Population.Rental;

/// <summary>
/// Rental housing's settings: how often rentals graded under an older rules version are regraded (a version that
/// takes effect later reaches them at the first scan after). JSON: <c>"Population": { "Rental": { "RegradeScanInterval": "00:05:00" } }</c>
/// </summary>
public sealed class RentalOptions
{
    public TimeSpan RegradeScanInterval { get; set; } = TimeSpan.FromMinutes(5);
}
