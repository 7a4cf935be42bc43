using Governance.ServiceDefaults.Problems;

namespace Governance.Assessment.Reviews;

/// <summary>
/// Where a department's submission (a manual value, a task's completion report) stands: submitted and <c>pending</c>, then
/// <c>accepted</c> (it counts) or <c>rejected</c> (it does not, and the department may submit again) by a reviewer.
/// </summary>
public static class ReviewStates
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public static readonly string[] All = [Pending, Accepted, Rejected];
}

/// <summary>A reviewer's decision as a request gives it: <c>accept</c> or <c>reject</c>, and a comment (needed to reject).</summary>
public sealed record ReviewRequest(string? Decision, string? Comment)
{
    /// <summary>The state the decision leads to and the comment, or a 400 naming <c>decision</c> or <c>comment</c>.</summary>
    public (string State, string Comment) Validate()
    {
        var state = Decision?.Trim().ToLowerInvariant() switch
        {
            "accept" => ReviewStates.Accepted,
            "reject" => ReviewStates.Rejected,
            _ => throw DomainException.Invalid("decision", "The decision is accept or reject."),
        };
        var comment = state == ReviewStates.Rejected
            ? Comments.Required(Comment, "comment", "Say why it is rejected (a comment of 1 to 1000 characters).")
            : Comments.Optional(Comment, "comment");
        return (state, comment);
    }
}

/// <summary>Free text the people in a review write: a note, a comment, a reason (at most 1000 characters).</summary>
public static class Comments
{
    public const int MaxLength = 1000;

    /// <summary>The trimmed text, possibly empty; a 400 naming <paramref name="field"/> when too long.</summary>
    public static string Optional(string? text, string field)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length > MaxLength) throw DomainException.Invalid(field, "The text is at most 1000 characters.");
        return trimmed;
    }

    /// <summary>The trimmed text; a 400 naming <paramref name="field"/> with <paramref name="missing"/> when empty, or when too long.</summary>
    public static string Required(string? text, string field, DomainMessage missing)
    {
        var trimmed = Optional(text, field);
        return trimmed.Length > 0 ? trimmed : throw DomainException.Invalid(field, missing);
    }
}
