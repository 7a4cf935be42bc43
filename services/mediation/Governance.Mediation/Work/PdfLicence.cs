using Microsoft.Extensions.Configuration;
using PdfSharp;

namespace Governance.Mediation.Work;

/// <summary>
/// PDFsharp 6.5 refuses to work until a licence is loaded: its free AGPL licence or a commercial key.
/// Which one is the operator's decision, so it is configuration, never a default:
/// <c>{ "Mediation": { "Pdf": { "License": "agpl" | "&lt;commercial key&gt;" } } }</c>.
/// </summary>
internal static class PdfLicence
{
    public const string Key = "Mediation:Pdf:License";
    private static readonly Lock Gate = new();
    private static bool _loaded;

    /// <exception cref="InvalidOperationException">No licence is configured.</exception>
    public static void Ensure(IConfiguration configuration)
    {
        lock (Gate)
        {
            if (_loaded) return;
            var licence = configuration[Key];
            if (string.IsNullOrWhiteSpace(licence))
                throw new InvalidOperationException($"PDFsharp needs a licence before it renders the agreement; set {Key} to 'agpl' or a commercial key.");
            if (licence.Equals("agpl", StringComparison.OrdinalIgnoreCase)) PdfSharpLicense.SetAgplLicense();
            else PdfSharpLicense.LoadLicense(licence);
            _loaded = true;
        }
    }
}
