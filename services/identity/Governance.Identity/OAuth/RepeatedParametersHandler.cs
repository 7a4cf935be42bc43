using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Governance.Identity.OAuth;

/// <summary>
/// RFC 6749 §3.1 and §3.2: request parameters must not be included more than once. A repeated
/// <c>scope</c> or <c>redirect_uri</c> is ambiguous (which one did the client mean?), so it is an
/// invalid_request naming the parameter, at every OpenIddict endpoint.
/// </summary>
internal sealed class RepeatedParametersHandler : IOpenIddictServerHandler<ProcessRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessRequestContext>()
        .UseSingletonHandler<RepeatedParametersHandler>()
        .SetOrder(ProtocolRateLimitHandler.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessRequestContext context)
    {
        if (context.EndpointType is OpenIddictServerEndpointType.Unknown) return;
        var request = context.Transaction.GetHttpRequest()!;
        var repeated = request.Query.FirstOrDefault(p => p.Value.Count > 1).Key;
        if (repeated is null && request.HasFormContentType)
            repeated = (await request.ReadFormAsync(context.CancellationToken)).FirstOrDefault(p => p.Value.Count > 1).Key;
        if (repeated is not null)
            context.Reject(Errors.InvalidRequest, $"The parameter '{repeated}' is repeated; each parameter may appear once (RFC 6749 §3.1).");
    }
}
