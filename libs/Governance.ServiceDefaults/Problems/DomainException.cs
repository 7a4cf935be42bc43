namespace Governance.ServiceDefaults.Problems;

/// <summary>What kind of refusal a <see cref="DomainException"/> is; HTTP and gRPC map each to their own status.</summary>
public enum DomainErrorKind
{
    /// <summary>The input is malformed or out of range (400, INVALID_ARGUMENT).</summary>
    Invalid,
    /// <summary>The record does not exist, or the caller may not know it exists (404, NOT_FOUND).</summary>
    NotFound,
    /// <summary>The record exists already (409, ALREADY_EXISTS).</summary>
    Duplicate,
    /// <summary>A rule forbids the step in the record's current state (409, FAILED_PRECONDITION).</summary>
    RuleViolated,
    /// <summary>The caller's role or org scope does not allow it (403, PERMISSION_DENIED).</summary>
    Forbidden,
    /// <summary>Another service the step needs does not answer now; the same request may succeed later (503, UNAVAILABLE).</summary>
    Unavailable,
}

/// <summary>
/// A refusal the caller can act on. Its message is shown to the caller (in Chinese, or English when
/// the caller prefers it: <see cref="DomainMessages"/>), so it names the field or rule and never
/// carries internal detail. <see cref="Exception.Message"/> is the English, for logs.
/// </summary>
public sealed class DomainException(DomainErrorKind kind, DomainMessage message, string? field = null, string? rule = null)
    : Exception(message.Text)
{
    /// <summary>The message as written, to be given in the caller's language.</summary>
    public DomainMessage UserMessage { get; } = message;

    /// <summary>The message in <paramref name="language"/>.</summary>
    public string MessageIn(UserLanguage language) => DomainMessages.Localize(UserMessage, language);

    /// <summary>The kind of refusal.</summary>
    public DomainErrorKind Kind { get; } = kind;

    /// <summary>The request field at fault, for <see cref="DomainErrorKind.Invalid"/>.</summary>
    public string? Field { get; } = field;

    /// <summary>The name of the rule that forbids the step, for <see cref="DomainErrorKind.RuleViolated"/>.</summary>
    public string? Rule { get; } = rule;

    /// <summary>The field <paramref name="field"/> is malformed.</summary>
    public static DomainException Invalid(string field, DomainMessage message) => new(DomainErrorKind.Invalid, message, field);

    /// <summary>No such record (or not one the caller may see).</summary>
    public static DomainException NotFound(DomainMessage message) => new(DomainErrorKind.NotFound, message);

    /// <summary>The record exists already.</summary>
    public static DomainException Duplicate(DomainMessage message) => new(DomainErrorKind.Duplicate, message);

    /// <summary>The rule named <paramref name="rule"/> forbids the step.</summary>
    public static DomainException RuleViolated(string rule, DomainMessage message) => new(DomainErrorKind.RuleViolated, message, rule: rule);

    /// <summary>The caller may not do this.</summary>
    public static DomainException Forbidden(DomainMessage message) => new(DomainErrorKind.Forbidden, message);

    /// <summary>A service the step needs does not answer: nothing was written, and the caller may try again.</summary>
    public static DomainException Unavailable(DomainMessage message) => new(DomainErrorKind.Unavailable, message);
}
