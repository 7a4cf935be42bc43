using System.Linq.Expressions;
using System.Reflection;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Messaging.OrgPaths;

/// <summary>A column holding an org path that must follow the node when it moves.</summary>
public interface IOrgPathColumn
{
    /// <summary>The distinct values of the column at <paramref name="subtree"/> or below it.</summary>
    Task<List<string>> PathsWithinAsync(DbContext db, string subtree, CancellationToken ct);

    /// <summary>
    /// One statement: every value at <paramref name="from"/> or below (whole segments) gets
    /// <paramref name="to"/> in place of that prefix.
    /// </summary>
    Task<int> ReplacePrefixAsync(DbContext db, string from, string to, CancellationToken ct);

    /// <summary>One statement: every value equal to <paramref name="path"/> becomes <paramref name="to"/>.</summary>
    Task<int> ReplaceAsync(DbContext db, string path, string to, CancellationToken ct);
}

/// <summary>
/// The org path column <paramref name="path"/> of <typeparamref name="T"/>. Rows are rewritten with
/// set-based UPDATEs (ExecuteUpdate) inside the caller's transaction; when <paramref name="version"/>
/// names the row's concurrency token it changes too, so that a request that read the row before the
/// move fails its save instead of writing an old path back.
/// </summary>
public sealed class OrgPathColumn<T>(Expression<Func<T, string>> path, Expression<Func<T, Guid>>? version = null) : IOrgPathColumn
    where T : class
{
    private static readonly MethodInfo Concat = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!;
    private static readonly MethodInfo Substring = typeof(string).GetMethod(nameof(string.Substring), [typeof(int)])!;

    /// <inheritdoc />
    public Task<List<string>> PathsWithinAsync(DbContext db, string subtree, CancellationToken ct) =>
        db.Set<T>().WithinSubtree(path, subtree).Select(path).Distinct().ToListAsync(ct);

    /// <inheritdoc />
    public Task<int> ReplacePrefixAsync(DbContext db, string from, string to, CancellationToken ct)
    {
        // row => to + row.Path.Substring(from.Length)
        var moved = Expression.Lambda<Func<T, string>>(
            Expression.Call(Concat, Expression.Constant(to), Expression.Call(path.Body, Substring, Expression.Constant(from.Length))),
            path.Parameters);
        return db.Set<T>().WithinSubtree(path, from).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(path, moved);
            if (version is not null) s.SetProperty(version, Guid.NewGuid());
        }, ct);
    }

    /// <inheritdoc />
    public Task<int> ReplaceAsync(DbContext db, string value, string to, CancellationToken ct)
    {
        var equal = Expression.Lambda<Func<T, bool>>(Expression.Equal(path.Body, Expression.Constant(value)), path.Parameters);
        return db.Set<T>().Where(equal).ExecuteUpdateAsync(s =>
        {
            s.SetProperty(path, to);
            if (version is not null) s.SetProperty(version, Guid.NewGuid());
        }, ct);
    }
}
