using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.ServiceDefaults.Data;

/// <summary>
/// Tables whose rows are only ever added (an audit trail). Where the schema is migrated by an owner
/// role (<see cref="SchemaCommands"/>), the service's runtime role is granted only INSERT and SELECT
/// on them: no bug and no stolen runtime credential can change or remove a row, truncate the table,
/// disable its triggers or drop it. Declared beside the entity's configuration:
/// <code>entry.ToTable("audit_entries"); entry.IsAppendOnly();</code>
/// </summary>
public static class AppendOnly
{
    /// <summary>The model annotation that marks an entity type's table.</summary>
    public const string Annotation = "Governance:AppendOnly";

    /// <summary>Marks the entity type's table append-only for the runtime role.</summary>
    public static EntityTypeBuilder<TEntity> IsAppendOnly<TEntity>(this EntityTypeBuilder<TEntity> entity) where TEntity : class =>
        entity.HasAnnotation(Annotation, true);

    /// <summary>True when <paramref name="type"/> was marked with <see cref="IsAppendOnly{TEntity}"/>.</summary>
    public static bool IsMarkedAppendOnly(this IReadOnlyAnnotatable type) => type.FindAnnotation(Annotation)?.Value is true;
}
