using Governance.ServiceDefaults.Problems;

namespace Governance.Grpc.Status;

/// <summary>Which status a handler's exception ends the call with, and whether its message may be shown.</summary>
internal static class ExceptionStatus
{
    /// <summary>The generic message of an unexpected failure: its detail goes to the log only.</summary>
    public const string InternalMessage = "The server failed to process the call.";

    public static (StatusCode Code, string Message, bool Expected) From(Exception exception) => exception switch
    {
        // A code outside 0–16 is not a gRPC status; clients would map it to UNKNOWN anyway (grpc-java does the same).
        RpcException rpc when rpc.StatusCode is < StatusCode.OK or > StatusCode.Unauthenticated =>
            (StatusCode.Unknown, $"The handler ended the call with undefined status code {(int)rpc.StatusCode}.", false),
        RpcException rpc => (rpc.StatusCode, rpc.Message, true),
        DomainException domain => (domain.Kind switch
        {
            DomainErrorKind.Invalid => StatusCode.InvalidArgument,
            DomainErrorKind.NotFound => StatusCode.NotFound,
            DomainErrorKind.Duplicate => StatusCode.AlreadyExists,
            DomainErrorKind.RuleViolated => StatusCode.FailedPrecondition,
            DomainErrorKind.Forbidden => StatusCode.PermissionDenied,
            _ => StatusCode.Unknown,
        }, domain.Message, true),
        _ => (StatusCode.Internal, InternalMessage, false),
    };
}
