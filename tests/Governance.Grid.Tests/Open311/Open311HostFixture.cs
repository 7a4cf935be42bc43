using Governance.Grid.Tests.Infrastructure;

namespace Governance.Grid.Tests.Open311;

/// <summary>One grid host and one api_key shared by tests that only read or are refused (they change nothing).</summary>
public sealed class Open311HostFixture : IAsyncLifetime
{
    public GridHost Host { get; private set; } = null!;
    public string ApiKey { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        Host = await GridHost.StartAsync(Open311Calls.Unthrottled);
        ApiKey = await Host.CreateKeyAsync();
    }

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
