using System.Linq.Expressions;
using System.Reflection;

namespace Governance.ServiceDefaults.Data;

/// <summary>
/// The org-scope filter every list applies: records at an org node or anywhere below it, by whole
/// path segments (<c>632801/001</c> holds <c>632801/001/002</c> but not <c>632801/0010</c>), as one
/// SQL predicate an index on the path serves.
/// </summary>
public static class SubtreeFilter
{
    private static readonly MethodInfo StartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    /// <summary>The rows of <paramref name="query"/> whose <paramref name="path"/> lies in the subtree rooted at <paramref name="subtree"/>.</summary>
    public static IQueryable<T> WithinSubtree<T>(this IQueryable<T> query, Expression<Func<T, string>> path, string subtree)
    {
        // Read through a captured object, so EF sends both as parameters and keeps one plan for every subtree.
        var bounds = Expression.Constant(new Bounds(subtree, subtree + "/"));
        var body = Expression.OrElse(
            Expression.Equal(path.Body, Expression.Property(bounds, nameof(Bounds.Root))),
            Expression.Call(path.Body, StartsWith, Expression.Property(bounds, nameof(Bounds.Prefix))));
        return query.Where(Expression.Lambda<Func<T, bool>>(body, path.Parameters));
    }

    private sealed record Bounds(string Root, string Prefix);
}
