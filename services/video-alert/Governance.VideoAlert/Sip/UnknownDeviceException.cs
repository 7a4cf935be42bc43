namespace Governance.VideoAlert.Sip;

/// <summary>
/// Thrown by an <see cref="IDeviceEvents"/> handler when an alarm is about a device the registry does not know or has
/// retired: the intake answers 404, since sending the alarm again cannot help (any other exception is answered 500, so
/// that the device retries an alarm that was not kept).
/// </summary>
public sealed class UnknownDeviceException(string message) : Exception(message);
