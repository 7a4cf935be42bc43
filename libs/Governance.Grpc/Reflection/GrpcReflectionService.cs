using Google.Protobuf;
using Google.Protobuf.Reflection;
using Governance.Grpc.Server;
using Grpc.Reflection.V1Alpha;
using StatusCode = Governance.Grpc.Status.StatusCode;

namespace Governance.Grpc.Reflection;

/// <summary>
/// grpc.reflection.v1alpha.ServerReflection over the services mapped on this host: one reply per request,
/// in order. Files are answered with every file they depend on, so a client needs no second round trip.
/// </summary>
internal sealed class GrpcReflectionService(GrpcServerRegistry registry)
{
    public async Task Info(IAsyncEnumerable<ServerReflectionRequest> requests, IServerStreamWriter<ServerReflectionResponse> writer, ServerCallContext context)
    {
        await foreach (var request in requests.WithCancellation(context.CancellationToken))
            await writer.WriteAsync(Answer(request));
    }

    private ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        var services = registry.Services();
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                response.ListServicesResponse = new ListServiceResponse();
                response.ListServicesResponse.Service.Add(services.Select(s => new ServiceResponse { Name = s.FullName }));
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, Files(services).FirstOrDefault(f => f.Name == request.FileByFilename), $"File {request.FileByFilename} not found.");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, Files(services).FirstOrDefault(f => Declares(f, request.FileContainingSymbol)), $"Symbol {request.FileContainingSymbol} not found.");
                break;
            default:
                // Extensions are proto2 only; the platform's protos are proto3.
                response.ErrorResponse = new ErrorResponse { ErrorCode = (int)StatusCode.Unimplemented, ErrorMessage = $"{request.MessageRequestCase} is not supported." };
                break;
        }
        return response;
    }

    private static void SetFile(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            response.ErrorResponse = new ErrorResponse { ErrorCode = (int)StatusCode.NotFound, ErrorMessage = notFound };
            return;
        }
        response.FileDescriptorResponse = new FileDescriptorResponse();
        response.FileDescriptorResponse.FileDescriptorProto.Add(WithDependencies(file).Select(f => f.SerializedData));
    }

    /// <summary>Every file the mapped services are declared in, and the files those import.</summary>
    private static IEnumerable<FileDescriptor> Files(IEnumerable<ServiceDescriptor> services) =>
        services.SelectMany(s => WithDependencies(s.File)).DistinctBy(f => f.Name);

    private static IEnumerable<FileDescriptor> WithDependencies(FileDescriptor file)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>([file]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next.Name)) continue;
            yield return next;
            foreach (var dependency in next.Dependencies) pending.Push(dependency);
        }
    }

    /// <summary>Whether <paramref name="file"/> declares the fully-qualified <paramref name="symbol"/>: a service, rpc, message, enum or field.</summary>
    private static bool Declares(FileDescriptor file, string symbol) =>
        file.Services.Any(s => s.FullName == symbol || s.Methods.Any(m => $"{s.FullName}.{m.Name}" == symbol))
        || file.EnumTypes.Any(e => e.FullName == symbol)
        || file.MessageTypes.Any(m => Declares(m, symbol));

    private static bool Declares(MessageDescriptor message, string symbol) =>
        message.FullName == symbol
        || message.Fields.InDeclarationOrder().Any(f => f.FullName == symbol)
        || message.EnumTypes.Any(e => e.FullName == symbol)
        || message.NestedTypes.Any(n => Declares(n, symbol));
}
