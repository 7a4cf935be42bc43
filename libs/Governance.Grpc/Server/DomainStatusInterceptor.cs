using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace Governance.Grpc.Server;

/// <summary>
/// Ends every call of every service with the status its failure deserves: a <see cref="DomainException"/>
/// becomes INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION or PERMISSION_DENIED with the
/// rule's name in front of its message (<c>"AcceptNeedsDispatchedIncident: Only a dispatched incident ..."</c>),
/// since gRPC has no problem-details body to carry the rule as REST does; an <see cref="RpcException"/> goes
/// out as thrown (a code outside 0–16 as UNKNOWN); anything else is INTERNAL with a generic message, its detail in the log only.
/// </summary>
public sealed partial class DomainStatusInterceptor(ILogger<DomainStatusInterceptor> logger) : Interceptor
{
    /// <summary>The message of an unexpected failure: its detail goes to the log only.</summary>
    public const string InternalMessage = "The server failed to process the call.";

    /// <summary>The status a domain refusal ends a call with, and the message the caller reads.</summary>
    public static Status StatusOf(DomainException refusal, UserLanguage language = UserLanguage.English) => new(refusal.Kind switch
    {
        DomainErrorKind.Invalid => StatusCode.InvalidArgument,
        DomainErrorKind.NotFound => StatusCode.NotFound,
        DomainErrorKind.Duplicate => StatusCode.AlreadyExists,
        DomainErrorKind.RuleViolated => StatusCode.FailedPrecondition,
        DomainErrorKind.Forbidden => StatusCode.PermissionDenied,
        DomainErrorKind.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    }, refusal.Rule is { } rule ? $"{rule}: {refusal.MessageIn(language)}" : refusal.MessageIn(language));

    /// <inheritdoc />
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (Translate(e, context) is { } status)
        {
            throw status;
        }
    }

    /// <inheritdoc />
    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (Translate(e, context) is { } status)
        {
            throw status;
        }
    }

    /// <inheritdoc />
    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (Translate(e, context) is { } status)
        {
            throw status;
        }
    }

    /// <inheritdoc />
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (Translate(e, context) is { } status)
        {
            throw status;
        }
    }

    // Null leaves the exception to grpc-dotnet: an RpcException as thrown, and the cancellation of a call
    // the caller left or whose deadline passed (grpc-dotnet has answered CANCELLED / DEADLINE_EXCEEDED already).
    private RpcException? Translate(Exception e, ServerCallContext context)
    {
        switch (e)
        {
            // grpc-dotnet would send any number as grpc-status; a code outside 0–16 is none, and clients would
            // read it as UNKNOWN anyway (the fuzz test found a handler passing one through).
            case RpcException rpc when rpc.StatusCode is < StatusCode.OK or > StatusCode.Unauthenticated:
                LogUndefinedStatus(logger, (int)rpc.StatusCode, context.Method);
                return new RpcException(new Status(StatusCode.Unknown, $"The handler ended the call with undefined status code {(int)rpc.StatusCode}."));
            case RpcException:
                return null;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return null;
            case DomainException refusal:
                // A gRPC client asks for a language with the accept-language metadata, as a browser does with the header.
                return new RpcException(StatusOf(refusal, UserLanguages.Of(context.GetHttpContext().Request)));
            default:
                LogFailed(logger, e, context.Method);
                return new RpcException(new Status(StatusCode.Internal, InternalMessage));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The gRPC call {Method} ended with undefined status code {Code}")]
    private static partial void LogUndefinedStatus(ILogger logger, int code, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "The gRPC call {Method} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method);
}
