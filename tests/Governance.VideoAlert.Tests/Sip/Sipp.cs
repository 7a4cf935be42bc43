using System.Diagnostics;
using System.Net;
using System.Text;

namespace Governance.VideoAlert.Tests.Sip;

/// <summary>Runs SIPp (Debian's sip-tester) once with a scenario of Sip/Scenarios, as a GB/T 28181 device would talk.</summary>
public static class Sipp
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string scenario, string transport, IPEndPoint target, string device, string password)
    {
        var work = Directory.CreateTempSubdirectory("sipp-");
        try
        {
            // The scenario files are UTF-8 for editing; devices send GB2312, so SIPp reads (and sends) that.
            var source = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Sip", "Scenarios", scenario), Encoding.UTF8);
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var file = Path.Combine(work.FullName, scenario);
            await File.WriteAllBytesAsync(file, Encoding.GetEncoding("GB2312").GetBytes(source));

            var start = new ProcessStartInfo("sipp")
            {
                WorkingDirectory = work.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    $"{target.Address}:{target.Port}", "-sf", file, "-t", transport, "-i", "127.0.0.1", "-m", "1",
                    "-s", SipText.Platform, "-key", "device", device, "-key", "domain", SipText.Domain,
                    "-au", device, "-ap", password, "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err",
                },
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(bound.Token);
            var errors = string.Join("\n", Directory.GetFiles(work.FullName, "*_errors.log").Select(File.ReadAllText));
            return (process.ExitCode, $"sipp exit {process.ExitCode}\n{await stderr}\n{errors}\n{Tail(await stdout)}");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : text[^4000..];
}
