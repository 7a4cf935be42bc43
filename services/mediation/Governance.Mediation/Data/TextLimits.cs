using Governance.ServiceDefaults.Problems;

namespace Governance.Mediation.Data;

/// <summary>
/// The longest text each of mediation's free-text columns holds, declared once: the EF configuration
/// sizes the column with it and the interface refuses longer input with it (400 naming the JSON field,
/// INVALID_ARGUMENT naming the proto field) before anything is written. A longer value would
/// otherwise reach PostgreSQL and fail there as a 500.
/// </summary>
public static class TextLimits
{
    // Cases and parties.
    public const int CaseName = 200;
    public const int Place = 200;
    public const int Summary = 2000;
    public const int SourceReference = 64;
    public const int PartyName = 100;
    public const int Contact = 200;

    /// <summary>A reason given for a step (escalation, referral): it goes to the history and the step's event.</summary>
    public const int Reason = 2000;

    /// <summary>A short note on a step (assignment, acknowledgement, decline, withdrawal, performance, follow-up, judicial confirmation).</summary>
    public const int Note = 1000;

    /// <summary>
    /// A history line's note: a step's own words (at most <see cref="Reason"/>) with what the step adds
    /// in front (the body's name, a reason code), so every composed note fits.
    /// </summary>
    public const int StepNote = 4000;

    // Sessions.
    public const int SessionPlace = 200;
    public const int RemoteLink = 500;
    public const int Participants = 500;
    public const int Minutes = 4000;

    // Outcomes.
    public const int Terms = 4000;
    public const int OutcomeNote = 2000;
    public const int AmountDescription = 200;
    public const int Court = 100;

    /// <summary>The mediator's name on the agreement: a mediator's name, or the recording account when none is assigned.</summary>
    public const int MediatorName = 64;

    // Bodies and mediators.
    public const int BodyName = 100;
    public const int Specialty = 32;
    public const int MediatorPersonName = 50;
    public const int Specialties = 200;
    public const int UserId = 64;

    /// <summary>The free-text purpose that may accompany a contact reveal's purpose code.</summary>
    public const int RevealNote = 200;

    /// <summary>An account (a token's subject) as recorded beside a step or a read.</summary>
    public const int Account = 64;

    /// <summary><paramref name="value"/> trimmed, null when blank; refused naming <paramref name="field"/> when longer than <paramref name="max"/>.</summary>
    public static string? Optional(string? value, string field, int max)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return value.Length <= max ? value.Trim() : throw TooLong(field, max);
    }

    /// <summary>The refusal of a value longer than its column (the intake's wording, so one translation serves every field).</summary>
    public static DomainException TooLong(string field, int max) => DomainException.Invalid(field, $"The {field} is at most {max} characters.");
}
