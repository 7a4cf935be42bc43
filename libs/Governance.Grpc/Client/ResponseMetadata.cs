using System.Net.Http.Headers;
using Governance.Grpc.Server;

namespace Governance.Grpc.Client;

/// <summary>Reads the server's metadata out of response headers or trailers, base64-decoding <c>-bin</c> values.</summary>
internal static class ResponseMetadata
{
    public static void Read(HttpHeaders headers, Metadata metadata)
    {
        foreach (var (key, values) in headers)
        {
            var name = key.ToLowerInvariant();
            if (GrpcProtocol.IsReserved(name) || name is GrpcProtocol.Status or GrpcProtocol.Message) continue;
            foreach (var value in values)
            {
                if (!name.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal)) { metadata.Add(name, value); continue; }
                foreach (var part in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
                {
                    var padded = part.PadRight(part.Length + (4 - part.Length % 4) % 4, '=');
                    try { metadata.Add(name, Convert.FromBase64String(padded)); }
                    catch (FormatException) { /* a malformed binary value is dropped, as grpc-go does */ }
                }
            }
        }
    }
}
