using Governance.Console;

namespace Governance.Gateway;

/// <summary>
/// The web console (services/console) on the gateway's origin, under <c>/console</c>, when <c>Console:Authority</c> names
/// identity's public issuer (the browser is sent there to sign in). The console's server side reads the user's posts'
/// permissions from identity at <c>Auth:Issuer</c> (its in-cluster address) and calls the services' REST APIs at
/// <c>Console:ApiBaseAddress</c> (this gateway). Without <c>Console:Authority</c> the gateway serves the APIs alone.
/// </summary>
public static class ConsoleMounting
{
    public static bool AddConsoleWhenConfigured(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["Console:Authority"])) return false;
        builder.AddConsole();
        return true;
    }
}
