using Governance.Grpc.Status;
using Microsoft.AspNetCore.Http;

namespace Governance.Grpc.Server;

/// <summary>Reads the caller's metadata out of the request headers.</summary>
internal static class RequestMetadata
{
    /// <summary>
    /// Decodes every binary value once, so that a malformed one fails the call before its handler runs, without
    /// building the metadata, which most handlers never read.
    /// </summary>
    public static void Validate(IHeaderDictionary headers)
    {
        foreach (var (key, values) in headers)
        {
            if (!key.EndsWith(Metadata.BinarySuffix, StringComparison.OrdinalIgnoreCase)) continue;
            var name = key.ToLowerInvariant();
            foreach (var value in values)
                if (value is not null) foreach (var part in value.Split(',', StringSplitOptions.TrimEntries)) Decode(name, part);
        }
    }

    public static Metadata Read(IHeaderDictionary headers)
    {
        var metadata = new Metadata();
        Read(headers, metadata);
        return metadata;
    }

    private static void Read(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var (key, values) in headers)
        {
            var name = key.ToLowerInvariant();
            if (GrpcProtocol.IsReserved(name)) continue;
            foreach (var value in values)
            {
                if (value is null) continue;
                if (!name.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal)) metadata.Add(name, value);
                // Several binary values may share one header, comma-separated; each is base64, padded or not.
                else foreach (var part in value.Split(',', StringSplitOptions.TrimEntries)) metadata.Add(name, Decode(name, part));
            }
        }
    }

    private static byte[] Decode(string key, string base64)
    {
        var padded = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        try { return Convert.FromBase64String(padded); }
        catch (FormatException) { throw new RpcException(StatusCode.Internal, $"The binary header '{key}' is not base64."); }
    }
}
