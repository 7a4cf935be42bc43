using Governance.Population.Documents;

namespace Governance.Population.Persons;

/// <summary>Wire names of the person's enumerations (snake_case, as the other services write theirs).</summary>
public static class PersonNames
{
    public static string Of(ResidenceStatus status) => status switch
    {
        ResidenceStatus.Registered => "registered",
        ResidenceStatus.Floating => "floating",
        _ => "foreign",
    };

    public static ResidenceStatus? ParseStatus(string? name) => name switch
    {
        "registered" => ResidenceStatus.Registered,
        "floating" => ResidenceStatus.Floating,
        "foreign" => ResidenceStatus.Foreign,
        _ => null,
    };

    public static string Of(Sex sex) => sex switch
    {
        Sex.Male => "male",
        Sex.Female => "female",
        _ => "unknown",
    };

    /// <summary>Today where the people live (China Standard Time, UTC+8): birth dates and permits are local dates.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddHours(8));
}
