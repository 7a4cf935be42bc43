using System.Globalization;
using Governance.VideoAlert.Devices;
using Microsoft.Extensions.Options;

namespace Governance.VideoAlert.Sip;

/// <summary>
/// The platform's answer to GB/T 28181 devices and lower platforms: REGISTER with digest authentication, and
/// MESSAGE keepalives and alarms handed to <see cref="IDeviceEvents"/>, answered 200 only once that call has
/// completed. Everything else is refused as RFC 3261 says (405 with Allow for SIP methods we do not take, 501 for
/// methods we do not know).
/// </summary>
public sealed class Gb28181Intake : ISipRequestHandler
{
    public const string Allow = "REGISTER, MESSAGE, OPTIONS";

    private static readonly HashSet<string> KnownMethods =
        ["INVITE", "BYE", "CANCEL", "SUBSCRIBE", "NOTIFY", "INFO", "UPDATE", "PRACK", "REFER", "PUBLISH"];

    /// <summary>GB/T 28181 devices set their clocks from the 200's Date, in Beijing time without a zone.</summary>
    private static readonly TimeSpan BeijingOffset = TimeSpan.FromHours(8);

    private readonly SipIntakeOptions _options;
    private readonly ISipCredentials _credentials;
    private readonly IDeviceEvents _events;
    private readonly ISipRegistrations _registrations;
    private readonly TimeProvider _clock;
    private readonly SipDigestAuthenticator _authenticator;

    /// <param name="nonces">One per process (a singleton): the challenge and its answer may reach different instances.</param>
    public Gb28181Intake(IOptions<SipIntakeOptions> options, ISipCredentials credentials, IDeviceEvents events,
        ISipRegistrations registrations, SipNonces nonces, TimeProvider clock)
    {
        _options = options.Value;
        _credentials = credentials;
        _events = events;
        _registrations = registrations;
        _clock = clock;
        _authenticator = new SipDigestAuthenticator(nonces, _options.Domain);
    }

    public Task<SipResponse?> HandleAsync(SipRequestContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        return request.Method switch
        {
            "REGISTER" => RegisterAsync(context, cancellationToken),
            "MESSAGE" => MessageAsync(context, cancellationToken),
            "OPTIONS" => Answer(WithAllow(SipResponses.Create(request, 200))),
            "ACK" => Answer(null),
            _ when KnownMethods.Contains(request.Method) => Answer(WithAllow(SipResponses.Create(request, 405))),
            _ => Answer(SipResponses.Create(request, 501)),
        };
    }

    private async Task<SipResponse?> RegisterAsync(SipRequestContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!DeviceId.TryParse(request.From!.User, out var device, out var reason))
            return SipResponses.Error(request, 400, $"From user: {reason}");
        if (request.To!.User != request.From.User)
            return SipResponses.Error(request, 403, "a device registers itself only (To user must equal From user)");
        if (await _credentials.FindAsync(device.Value, cancellationToken) is not { } credential)
            return SipResponses.Error(request, 404, $"device {device} is not known to this platform");

        var outcome = _authenticator.Verify(request, device.Value, credential);
        if (outcome.Kind == DigestOutcomeKind.Challenge) return _authenticator.ChallengeResponse(request, outcome.Stale);
        if (outcome.Kind == DigestOutcomeKind.Refused) return SipResponses.Error(request, 403, outcome.Reason!);

        if (RequestedExpires(request) is not { } requested)
            return SipResponses.Error(request, 400, "Expires is not a whole number of seconds");
        if (requested == 0)
        {
            await _events.UnregisteredAsync(device, cancellationToken);
            await _registrations.UnregisterAsync(device, cancellationToken);
            return Registered(request, 0);
        }
        if (requested < _options.MinExpires)
        {
            var tooBrief = SipResponses.Create(request, 423);
            tooBrief.Headers.Add("Min-Expires", _options.MinExpires.ToString(CultureInfo.InvariantCulture));
            return tooBrief;
        }
        var granted = Math.Min(requested, _options.MaxExpires);
        var expires = _clock.GetUtcNow().AddSeconds(granted);
        var registration = new DeviceRegistration(device, context.Remote, context.Transport, request.Headers.Get("Contact"), expires);
        await _events.RegisteredAsync(registration, cancellationToken);
        await _registrations.RegisterAsync(registration, cancellationToken);
        return Registered(request, granted);
    }

    private SipResponse Registered(SipRequest request, int expires)
    {
        var response = SipResponses.Create(request, 200);
        if (expires > 0 && request.Headers.Get("Contact") is { } contact)
            response.Headers.Add("Contact", contact.Split(';')[0] + ";expires=" + expires.ToString(CultureInfo.InvariantCulture));
        response.Headers.Add("Expires", expires.ToString(CultureInfo.InvariantCulture));
        response.Headers.Add("Date", _clock.GetUtcNow().ToOffset(BeijingOffset).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture));
        return response;
    }

    /// <summary>The Expires header, else the Contact's expires parameter, else the default; null when unreadable.</summary>
    private int? RequestedExpires(SipRequest request)
    {
        var text = request.Headers.Get("Expires");
        if (text is null && SipAddress.TryParse(request.Headers.Get("Contact"), out var contact))
            text = contact.Parameters.GetValueOrDefault("expires");
        if (text is null) return _options.DefaultExpires;
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? seconds : null;
    }

    private async Task<SipResponse?> MessageAsync(SipRequestContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        if (!DeviceId.TryParse(request.From!.User, out var sender, out var reason))
            return SipResponses.Error(request, 400, $"From user: {reason}");
        if (!await _credentials.IsKnownAsync(sender.Value, cancellationToken))
            return SipResponses.Error(request, 404, $"device {sender} is not known to this platform");
        if (_options.RequireRegistration && await _registrations.RefusalAsync(sender, context.Remote, cancellationToken) is { } refusal)
            return SipResponses.Error(request, 403, refusal);
        if (!ManscdpParser.IsManscdp(request.ContentType))
        {
            var unsupported = SipResponses.Error(request, 415, $"Content-Type '{request.ContentType}' is not {ManscdpParser.MediaType}");
            unsupported.Headers.Add("Accept", "Application/MANSCDP+xml");
            return unsupported;
        }

        var body = ManscdpParser.Parse(request.Body, request.ContentType);
        if (body.Error is not null) return SipResponses.Error(request, 400, body.Error);
        switch (body.Notify)
        {
            case KeepaliveNotify keepalive:
                await _events.KeepAliveAsync(sender, keepalive, cancellationToken);
                return SipResponses.Create(request, 200);
            case AlarmNotify alarm:
                try
                {
                    await _events.AlarmReceivedAsync(sender, alarm, cancellationToken);
                }
                catch (UnknownDeviceException unknown)
                {
                    return SipResponses.Error(request, 404, unknown.Message);
                }
                return SipResponses.Create(request, 200);
            default:
                return SipResponses.Error(request, 501, $"{body.UnsupportedCommand} is not taken by this platform");
        }
    }

    private static SipResponse WithAllow(SipResponse response)
    {
        response.Headers.Add("Allow", Allow);
        return response;
    }

    private static Task<SipResponse?> Answer(SipResponse? response) => Task.FromResult(response);
}
