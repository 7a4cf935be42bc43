using Governance.Identity.Audit;
using Governance.Identity.Data;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Governance.Identity.OAuth;

/// <summary>
/// A client that fails to authenticate at any protocol endpoint is audited under the client id it
/// tried, with OpenIddict's reason: a department's system with a stale secret, or someone guessing.
/// </summary>
internal sealed class ClientAuthenticationAuditHandler(IdentityDb db, AuditTrail audit) : IOpenIddictServerHandler<ProcessErrorContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessErrorContext>()
        .UseScopedHandler<ClientAuthenticationAuditHandler>()
        .SetOrder(int.MinValue + 50_000)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public async ValueTask HandleAsync(ProcessErrorContext context)
    {
        if (context.Error != Errors.InvalidClient) return;
        var clientId = context.Request?.ClientId is { Length: > 0 and <= 64 } id ? id : "unknown";
        audit.Add(db, clientId, AuditActions.SignInFailed, clientId, null, $"client authentication failed: {context.ErrorDescription}");
        await db.SaveChangesAsync(context.CancellationToken);
    }
}
