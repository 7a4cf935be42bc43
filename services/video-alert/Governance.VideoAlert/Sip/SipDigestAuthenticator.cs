namespace Governance.VideoAlert.Sip;

/// <summary>
/// Checks a REGISTER's Authorization against the password <see cref="ISipCredentials"/> holds for the device, and
/// writes the 401 challenge (realm = the platform's SIP domain, MD5, qop auth).
/// </summary>
public sealed class SipDigestAuthenticator(SipNonces nonces, string realm)
{
    public string Realm => realm;

    /// <summary>
    /// The outcome for <paramref name="deviceId"/> whose <paramref name="credential"/> was found. The digest username
    /// must be that device id: a device may not register under another's id with its own password.
    /// </summary>
    public DigestOutcome Verify(SipRequest request, string deviceId, SipCredential credential)
    {
        if (!DigestHeader.TryParse(request.Headers.Get("Authorization"), out var auth))
            return request.Headers.Contains("Authorization")
                ? DigestOutcome.Refuse("Authorization is not a Digest header")
                : DigestOutcome.Challenge(stale: false);
        if (auth["algorithm"] is { } algorithm && !algorithm.Equals("MD5", StringComparison.OrdinalIgnoreCase))
            return DigestOutcome.Refuse($"digest algorithm '{algorithm}' is not MD5");
        if (!string.Equals(auth["realm"], realm, StringComparison.Ordinal))
            return DigestOutcome.Challenge(stale: false);
        if (!string.Equals(auth["username"], deviceId, StringComparison.Ordinal))
            return DigestOutcome.Refuse($"digest username '{auth["username"]}' is not the registering device {deviceId}");
        var qop = auth["qop"];
        if (qop is not null && !qop.Equals("auth", StringComparison.OrdinalIgnoreCase))
            return DigestOutcome.Refuse($"digest qop '{qop}' is not auth");
        if (qop is not null && (auth["nc"] is null || auth["cnonce"] is null))
            return DigestOutcome.Refuse("digest with qop auth lacks nc or cnonce");
        if (auth["uri"] is not { } uri || auth["response"] is not { } response)
            return DigestOutcome.Refuse("digest lacks uri or response");

        switch (nonces.Check(auth["nonce"]))
        {
            case NonceCheck.Unknown: return DigestOutcome.Challenge(stale: false);
            case NonceCheck.Expired: return DigestOutcome.Challenge(stale: true);
        }
        var expected = Digest.Response(deviceId, realm, credential.Password, request.Method, uri, auth["nonce"]!,
            qop is null ? null : "auth", auth["nc"], auth["cnonce"]);
        if (!Digest.Matches(expected, response)) return DigestOutcome.Refuse("digest response does not match");
        // A replayed answer (same nonce, no higher nc) is challenged afresh: the genuine device can answer that.
        return nonces.TryUse(auth["nonce"]!, qop is null ? null : auth["nc"]) ? DigestOutcome.Accept() : DigestOutcome.Challenge(stale: true);
    }

    public SipResponse ChallengeResponse(SipRequest request, bool stale)
    {
        var response = SipResponses.Create(request, 401);
        response.Headers.Add("WWW-Authenticate",
            $"Digest realm=\"{realm}\", nonce=\"{nonces.Issue()}\", algorithm=MD5, qop=\"auth\"" + (stale ? ", stale=true" : ""));
        return response;
    }
}

public sealed record DigestOutcome(DigestOutcomeKind Kind, string? Reason = null, bool Stale = false)
{
    public static DigestOutcome Accept() => new(DigestOutcomeKind.Accepted);

    public static DigestOutcome Challenge(bool stale) => new(DigestOutcomeKind.Challenge, Stale: stale);

    public static DigestOutcome Refuse(string reason) => new(DigestOutcomeKind.Refused, reason);
}

public enum DigestOutcomeKind
{
    Accepted,
    Challenge,
    Refused,
}
