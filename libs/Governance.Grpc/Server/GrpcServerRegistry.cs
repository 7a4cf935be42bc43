using Google.Protobuf.Reflection;

namespace Governance.Grpc.Server;

/// <summary>Which proto services a host maps; tells UNIMPLEMENTED "unknown service" from "unknown method" and feeds reflection.</summary>
internal sealed class GrpcServerRegistry
{
    private readonly Dictionary<string, ServiceDescriptor> _services = new(StringComparer.Ordinal);

    public bool CatchAllMapped { get; set; }

    public bool Add(ServiceDescriptor service) { lock (_services) return _services.TryAdd(service.FullName, service); }

    public bool Contains(string service) { lock (_services) return _services.ContainsKey(service); }

    /// <summary>The mapped services, by full name.</summary>
    public IReadOnlyList<ServiceDescriptor> Services() { lock (_services) return [.. _services.Values.OrderBy(s => s.FullName, StringComparer.Ordinal)]; }
}
