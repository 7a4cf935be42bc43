using System.Linq.Expressions;
using System.Reflection;
using Governance.ServiceDefaults.Auth;

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
    public static IQueryable<T> WithinSubtree<T>(this IQueryable<T> query, Expression<Func<T, string>> path, string subtree) =>
        query.Where(Expression.Lambda<Func<T, bool>>(Within(path.Body, subtree), path.Parameters));

    /// <summary>
    /// The rows of <paramref name="query"/> one of whose <paramref name="paths"/> lies in one of
    /// <paramref name="subtrees"/> (a caller's posts reach several; see
    /// <see cref="PermissionExtensions.PermittedSubtreesAsync(RolePermissions, Caller, string, CancellationToken)"/>).
    /// No subtree matches no row.
    /// </summary>
    public static IQueryable<T> WithinAnySubtree<T>(this IQueryable<T> query, IReadOnlyCollection<OrgPath> subtrees, params Expression<Func<T, string>>[] paths)
    {
        ArgumentOutOfRangeException.ThrowIfZero(paths.Length);
        var row = Expression.Parameter(typeof(T), "row");
        var body = subtrees
            .SelectMany(subtree => paths.Select(path => Within(new Rebind(path.Parameters[0], row).Visit(path.Body), subtree.Value)))
            .Aggregate((Expression?)null, (all, one) => all is null ? one : Expression.OrElse(all, one)) ?? Expression.Constant(false);
        return query.Where(Expression.Lambda<Func<T, bool>>(body, row));
    }

    // Read through a captured object, so EF sends both as parameters and keeps one plan for every subtree.
    private static BinaryExpression Within(Expression path, string subtree)
    {
        var bounds = Expression.Constant(new Bounds(subtree, subtree + "/"));
        return Expression.OrElse(
            Expression.Equal(path, Expression.Property(bounds, nameof(Bounds.Root))),
            Expression.Call(path, StartsWith, Expression.Property(bounds, nameof(Bounds.Prefix))));
    }

    private sealed record Bounds(string Root, string Prefix);

    // Each path selector has its own parameter; the predicate needs them all to be one.
    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
