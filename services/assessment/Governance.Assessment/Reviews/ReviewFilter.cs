using Governance.ServiceDefaults.Problems;

namespace Governance.Assessment.Reviews;

/// <summary>The optional <c>state</c> filter of the review lists.</summary>
public static class ReviewFilter
{
    /// <summary>The state asked for, null for all, or a 400 naming <c>state</c>.</summary>
    public static string? State(string? state, params string[] allowed)
    {
        if (string.IsNullOrWhiteSpace(state)) return null;
        var known = allowed.Length > 0 ? allowed : ReviewStates.All;
        var wanted = state.Trim().ToLowerInvariant();
        return known.Contains(wanted) ? wanted : throw DomainException.Invalid("state", $"The state is one of {string.Join(", ", known)}.");
    }
}
