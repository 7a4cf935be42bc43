using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Governance.Grpc.Telemetry;

/// <summary>The activity source and meter of this layer, both named "Governance.Grpc" (ServiceDefaults listens to both).</summary>
internal static class GrpcInstruments
{
    public const string Name = "Governance.Grpc";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);
}
