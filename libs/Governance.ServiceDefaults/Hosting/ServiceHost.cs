using Governance.ServiceDefaults.Data;
using Microsoft.AspNetCore.Builder;

namespace Governance.ServiceDefaults.Hosting;

/// <summary>The commands every host understands: none (serve) or <c>migrate</c>.</summary>
public static class ServiceHost
{
    /// <summary>
    /// <c>migrate</c> applies schema changes to every database of the host and exits;
    /// no command prepares SQLite schemas and serves until stopped.
    /// </summary>
    public static async Task<int> RunServiceAsync(this WebApplication app, string[] args)
    {
        if (args.Length > 0 && args[0] == "migrate")
        {
            await SchemaCommands.MigrateAllAsync(app.Services, app.Lifetime.ApplicationStopping);
            return 0;
        }
        await SchemaCommands.PrepareAtStartAsync(app.Services, app.Lifetime.ApplicationStopping);
        await app.RunAsync();
        return 0;
    }
}
