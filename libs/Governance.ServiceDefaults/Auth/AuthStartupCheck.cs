using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.ServiceDefaults.Auth;

/// <summary>Says once, at start-up, that a host without an issuer refuses every token.</summary>
internal sealed partial class AuthStartupCheck(IOptions<AuthOptions> options, ILogger<AuthStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Issuer is null) LogNoIssuer(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Auth:Issuer is not configured: every token is refused and every protected endpoint answers 401")]
    private static partial void LogNoIssuer(ILogger logger);
}
