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
}

/// <summary>
/// A refusal the caller can act on. Its message is shown to the caller as is, so it names the
/// field or rule and never carries internal detail.
/// </summary>
public sealed class DomainException(DomainErrorKind kind, string message, string? field = null, string? rule = null)
    : Exception(message)
{
    /// <summary>The kind of refusal.</summary>
    public DomainErrorKind Kind { get; } = kind;

    /// <summary>The request field at fault, for <see cref="DomainErrorKind.Invalid"/>.</summary>
    public string? Field { get; } = field;

    /// <summary>The name of the rule that forbids the step, for <see cref="DomainErrorKind.RuleViolated"/>.</summary>
    public string? Rule { get; } = rule;

    /// <summary>The field <paramref name="field"/> is malformed.</summary>
    public static DomainException Invalid(string field, string message) => new(DomainErrorKind.Invalid, message, field);

    /// <summary>No such record (or not one the caller may see).</summary>
    public static DomainException NotFound(string message) => new(DomainErrorKind.NotFound, message);

    /// <summary>The record exists already.</summary>
    public static DomainException Duplicate(string message) => new(DomainErrorKind.Duplicate, message);

    /// <summary>The rule named <paramref name="rule"/> forbids the step.</summary>
    public static DomainException RuleViolated(string rule, string message) => new(DomainErrorKind.RuleViolated, message, rule: rule);

    /// <summary>The caller may not do this.</summary>
    public static DomainException Forbidden(string message) => new(DomainErrorKind.Forbidden, message);
}
