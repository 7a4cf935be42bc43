using Governance.Console;
using Governance.Console.Sessions;

namespace Governance.Gateway;

/// <summary>
/// The web console (services/console) on the gateway's origin, under <c>/console</c>, when <c>Console:Authority</c> names
/// identity's public issuer (the browser is sent there to sign in). The console's server side reads the user's posts'
/// permissions from identity at <c>Auth:Issuer</c> (its in-cluster address) and calls the services' REST APIs at
/// <c>Console:ApiBaseAddress</c> (this gateway). Its sessions and key ring are in the console's database
/// (<c>ConnectionStrings:console</c>), the keys under <c>Console:KeyEncryptionKey</c>. Without <c>Console:Authority</c> the gateway serves the APIs alone.
/// </summary>
public static class ConsoleMounting
{
    public static bool AddConsoleWhenConfigured(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["Console:Authority"])) return false;
        builder.AddConsole();
        // Sessions and sign-in state any replica can read: the console's database holds the key ring (ConsoleKeyRing).
        builder.Services.AddConsoleKeyRing();
        return true;
    }
}
