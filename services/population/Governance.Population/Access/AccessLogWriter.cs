using Governance.Population.Data;
using Governance.Population.Persons;

namespace Governance.Population.Access;

/// <summary>
/// Adds an access-log row for a read of a person to <paramref name="db"/>'s changes, for the features beside
/// <see cref="PersonAccess"/> that answer a person's data (households, residents of a house). The caller saves it
/// before answering, as PersonAccess does: a read that cannot be logged is not answered.
/// </summary>
public static class AccessLogWriter
{
    public static void LogPersonRead(this PopulationDb db, PersonAccess.Reading reading, string action, Guid personId, string orgPath, string fields, TimeProvider clock) =>
        db.PersonReads.Add(new PersonRead
        {
            PersonId = personId, OrgPath = orgPath, Reader = reading.Caller.Subject, ReaderClient = reading.Caller.ClientId,
            At = clock.GetUtcNow().UtcDateTime, Action = action, Fields = fields,
            Purpose = reading.Purpose?.Code, PurposeNote = reading.Purpose?.Note, Channel = reading.Channel,
        });
}
