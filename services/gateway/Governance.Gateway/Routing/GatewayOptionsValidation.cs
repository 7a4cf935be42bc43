using Microsoft.Extensions.Options;

namespace Governance.Gateway.Routing;

/// <summary>Fails the start naming each wrong entry, so that a typo in a values file is found at install, not by a 404.</summary>
internal sealed class GatewayOptionsValidation : IValidateOptions<GatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, GatewayOptions o)
    {
        var wrong = new List<string>();
        if (o.Services.Count == 0)
            wrong.Add($"Gateway:Services names no service: set Gateway:Services:<name> to each service's base address ({string.Join(", ", KnownServices.Names)}).");
        foreach (var (service, address) in o.Services)
        {
            if (!KnownServices.StandardPaths.ContainsKey(service.ToLowerInvariant()))
                wrong.Add($"Gateway:Services:{service} is not a service the gateway routes ({string.Join(", ", KnownServices.Names)}).");
            if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0)
                wrong.Add($"Gateway:Services:{service} '{address}' is not an http(s) base address (e.g. http://grid:8080).");
        }
        if (o.MaxRequestBodyBytes <= 0) wrong.Add("Gateway:MaxRequestBodyBytes must be positive.");
        if (o.ConnectTimeout <= TimeSpan.Zero || o.ActivityTimeout <= TimeSpan.Zero || o.ReadyTimeout <= TimeSpan.Zero)
            wrong.Add("Gateway:ConnectTimeout, ActivityTimeout and ReadyTimeout must be positive.");
        return wrong.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(wrong);
    }
}
