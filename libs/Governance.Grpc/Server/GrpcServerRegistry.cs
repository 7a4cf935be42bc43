namespace Governance.Grpc.Server;

/// <summary>Which proto services a host maps; tells UNIMPLEMENTED "unknown service" from "unknown method".</summary>
internal sealed class GrpcServerRegistry
{
    private readonly HashSet<string> _services = new(StringComparer.Ordinal);

    public bool CatchAllMapped { get; set; }

    public bool Add(string service) { lock (_services) return _services.Add(service); }

    public bool Contains(string service) { lock (_services) return _services.Contains(service); }

    public IReadOnlyList<string> Services() { lock (_services) return [.. _services.Order(StringComparer.Ordinal)]; }
}
