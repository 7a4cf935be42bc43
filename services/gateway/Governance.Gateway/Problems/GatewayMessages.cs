using Governance.ServiceDefaults.Problems;

namespace Governance.Gateway.Problems;

/// <summary>What the gateway tells a caller when it answers instead of a service (Chinese in messages.zh-CN.json).</summary>
internal static class GatewayMessages
{
    public static DomainMessage UnknownPath(string path) =>
        $"Nothing is served at {path}: this gateway routes /api/<service>/, /open311/, /connect/, /.well-known/ and /openapi/<service>.json.";

    public static DomainMessage Unreachable() =>
        "The service behind this path could not be reached; try again shortly.";

    public static DomainMessage Unavailable() =>
        "The service behind this path is not available; try again shortly.";

    public static DomainMessage TimedOut() =>
        "The service behind this path did not answer in time; try again shortly.";

    public static DomainMessage BodyTooLarge(long limit) =>
        $"The request body is larger than {limit} bytes, the most this gateway passes on.";

    public static DomainMessage BodyUnreadable() =>
        "The request body could not be read to its end.";
}
