namespace Governance.VideoAlert.Tests.Infrastructure;

/// <summary>
/// <see cref="GridAndVideoAlertHosts"/> with a <see cref="TcpGate"/> between video-alert and grid's gRPC, which the tests
/// close (grid away), hold (grid hanging) and open again. The router holds a token of the narrow service role.
/// </summary>
public abstract class GatedGridAndVideoAlertHosts(IDictionary<string, string?> settings, params object[] cameras)
    : GridAndVideoAlertHosts(settings, routerToken: true, cameras: cameras)
{
    public TcpGate Gate { get; private set; } = null!;

    protected override ValueTask<Uri> GridAddressAsync()
    {
        Gate = new TcpGate(Grid.Grpc);
        return ValueTask.FromResult(Gate.Address);
    }

    protected override async ValueTask VideoAlertStoppedAsync() => await Gate.DisposeAsync();
}
