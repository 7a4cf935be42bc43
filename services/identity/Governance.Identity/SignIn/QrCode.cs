using QRCoder;

namespace Governance.Identity.SignIn;

/// <summary>A QR code as a PNG data URI, for the TOTP enrolment step (QRCoder; no request leaves the page).</summary>
internal static class QrCode
{
    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}
