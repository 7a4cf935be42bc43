using System.Linq.Expressions;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Governance.Messaging.OrgPaths;

/// <summary>
/// A record's responsible org when it sits above the record's own org (an incident escalated to the
/// street, a case at the street level): when the record's subtree moves under another parent, the
/// responsibility moves to the node at the same level of the new chain (the new street), not stays
/// with the old one. A responsible org inside the moved subtree is an ordinary <see cref="OrgPathColumn{T}"/>;
/// one that is not an ancestor of the record (a body elsewhere it was referred to) stays as it is.
/// </summary>
/// <param name="orgPath">The record's own org path.</param>
/// <param name="responsible">The responsible org path.</param>
/// <param name="version">The row's concurrency token, changed with it.</param>
public sealed class ResponsibleOrgPathColumn<T>(Expression<Func<T, string>> orgPath, Expression<Func<T, string>> responsible,
    Expression<Func<T, Guid>>? version = null) : IOrgPathColumn where T : class
{
    /// <inheritdoc />
    /// <remarks>Nothing: what this column rewrites is found from the record's own path, which another column lists.</remarks>
    public Task<List<string>> PathsWithinAsync(DbContext db, string subtree, CancellationToken ct) => Task.FromResult(new List<string>());

    /// <inheritdoc />
    public async Task<int> ReplacePrefixAsync(DbContext db, string from, string to, CancellationToken ct)
    {
        var count = 0;
        // Before or after the record's own path was rewritten: this column does not depend on the order.
        foreach (var (above, moved) in Ancestors(from, to))
            count += await db.Set<T>().Where(Equal(responsible, above)).WithinAnySubtree([Auth(from), Auth(to)], orgPath)
                .ExecuteUpdateAsync(s => Set(s, moved), ct);
        return count;
    }

    /// <inheritdoc />
    public async Task<int> ReplaceAsync(DbContext db, string path, string to, CancellationToken ct)
    {
        var count = 0;
        foreach (var (above, moved) in Ancestors(path, to))
            count += await db.Set<T>().Where(Equal(responsible, above)).Where(Either(orgPath, path, to)).ExecuteUpdateAsync(s => Set(s, moved), ct);
        return count;
    }

    private void Set(UpdateSettersBuilder<T> s, string value)
    {
        s.SetProperty(responsible, value);
        if (version is not null) s.SetProperty(version, Guid.NewGuid());
    }

    // The proper ancestors of the old path that the move changes, each with its counterpart at the same depth of the new path.
    private static IEnumerable<(string Above, string Moved)> Ancestors(string from, string to)
    {
        var old = from.Split('/');
        var now = to.Split('/');
        for (var depth = 1; depth < old.Length && depth < now.Length; depth++)
        {
            var above = string.Join('/', old[..depth]);
            var moved = string.Join('/', now[..depth]);
            if (above != moved) yield return (above, moved);
        }
    }

    private static ServiceDefaults.Auth.OrgPath Auth(string path) => ServiceDefaults.Auth.OrgPath.Parse(path);

    private static Expression<Func<T, bool>> Equal(Expression<Func<T, string>> column, string value) =>
        Expression.Lambda<Func<T, bool>>(Expression.Equal(column.Body, Expression.Constant(value)), column.Parameters);

    private static Expression<Func<T, bool>> Either(Expression<Func<T, string>> column, string one, string other) =>
        Expression.Lambda<Func<T, bool>>(Expression.OrElse(
            Expression.Equal(column.Body, Expression.Constant(one)), Expression.Equal(column.Body, Expression.Constant(other))), column.Parameters);
}
