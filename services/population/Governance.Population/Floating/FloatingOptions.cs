namespace Governance.Population.Floating;

/// <summary>
/// New citizens' settings: how many days before a residence permit runs out its reminder is recorded, and how often
/// the reminder scan runs. JSON: <c>"Population": { "Floating": { "ReminderDays": 30, "ReminderScanInterval": "01:00:00" } }</c>
/// </summary>
public sealed class FloatingOptions
{
    public int ReminderDays { get; set; } = 30;
    public TimeSpan ReminderScanInterval { get; set; } = TimeSpan.FromHours(1);
}
