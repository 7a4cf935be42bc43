using Governance.Grid.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Grid.Cells;

public static class ActiveCells
{
    /// <summary>The grid <paramref name="code"/>, unless it does not exist or was retired (404).</summary>
    public static async Task<GridCell> FindAsync(GridDb db, string code, CancellationToken ct) =>
        await db.Cells.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code && c.RetiredAt == null, ct)
            ?? throw DomainException.NotFound($"No grid {code}.");
}
