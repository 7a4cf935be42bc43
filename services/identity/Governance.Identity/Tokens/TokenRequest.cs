using Microsoft.AspNetCore.Http;

namespace Governance.Identity.Tokens;

/// <summary>
/// The form parameters of a token or revocation request (RFC 6749 §3.2: form-encoded POST,
/// each parameter at most once, empty values treated as absent).
/// </summary>
public sealed class TokenRequest
{
    private readonly IFormCollection _form;

    private TokenRequest(IFormCollection form, string? authorization)
    {
        _form = form;
        Authorization = authorization;
    }

    public string? Authorization { get; }

    public string? this[string name] => _form.TryGetValue(name, out var values) && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    public static async Task<TokenRequest> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
            throw TokenError.InvalidRequest("The request must be a POST with Content-Type application/x-www-form-urlencoded.");
        IFormCollection form;
        try { form = await request.ReadFormAsync(ct); }
        catch (InvalidDataException) { throw TokenError.InvalidRequest("The form body is malformed or too large."); }
        if (form.FirstOrDefault(p => p.Value.Count > 1) is { Key: not null } repeated)
            throw TokenError.InvalidRequest($"The parameter {repeated.Key} is repeated; each parameter may appear once.");
        return new TokenRequest(form, request.Headers.Authorization.Count == 1 ? request.Headers.Authorization[0] : null);
    }

    /// <summary>The parameter's value, or invalid_request naming it.</summary>
    public string Required(string name) => this[name] ?? throw TokenError.InvalidRequest($"The parameter {name} is missing.");
}
