using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Search.Reindex;

public static class ReindexCommand
{
    /// <summary>
    /// <c>reindex</c> (every type) or <c>reindex incident</c> (one): rebuilds the index from the read model and answers
    /// the exit code; null for any other command, which the host runs as usual.
    /// </summary>
    public static async Task<int?> RunSearchCommandAsync(this WebApplication app, string[] args)
    {
        if (args.Length == 0 || args[0] != "reindex") return null;
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<Reindexer>().ReindexAsync(args.Length > 1 ? args[1] : null, app.Lifetime.ApplicationStopping);
        Console.WriteLine($"Reindexed {outcome.Documents} documents ({outcome.Type}).");
        return 0;
    }
}
