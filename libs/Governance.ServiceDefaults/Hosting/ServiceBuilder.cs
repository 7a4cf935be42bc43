using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Console;

namespace Governance.ServiceDefaults.Hosting;

/// <summary>How every Governance host is created: <c>var builder = ServiceBuilder.Create(args);</c></summary>
public static class ServiceBuilder
{
    /// <summary>
    /// <see cref="WebApplication.CreateBuilder(string[])"/>, except that <c>appsettings.json</c> and
    /// <c>appsettings.{Environment}.json</c> are read from beside the host's DLL, so a published host
    /// started from any folder finds its own settings. The content root stays the working directory:
    /// relative data paths (<c>Database:Directory</c>, key files) still resolve against it. Console
    /// logs are plain lines when standard output is a terminal, JSON otherwise.
    /// </summary>
    public static WebApplicationBuilder Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        ReadSettingsFrom(builder.Configuration, AppContext.BaseDirectory, builder.Environment.EnvironmentName);
        builder.Services.AddTerminalConsoleFormat();
        return builder;
    }

    /// <summary>Points the default appsettings sources at <paramref name="directory"/>, keeping their place among the sources.</summary>
    internal static void ReadSettingsFrom(IConfigurationBuilder configuration, string directory, string environment)
    {
        string[] files = ["appsettings.json", $"appsettings.{environment}.json"];
        var provider = new PhysicalFileProvider(Path.GetFullPath(directory));
        for (var i = 0; i < configuration.Sources.Count; i++)
        {
            if (configuration.Sources[i] is not JsonConfigurationSource { Path: { } path } json
                || !files.Contains(path, StringComparer.OrdinalIgnoreCase)) continue;
            // Replacing the source (not mutating it) makes ConfigurationManager load it again.
            configuration.Sources[i] = new JsonConfigurationSource
            {
                Path = path,
                Optional = json.Optional,
                ReloadOnChange = json.ReloadOnChange,
                ReloadDelay = json.ReloadDelay,
                FileProvider = provider,
            };
        }
    }

    /// <summary>
    /// A person reading a terminal gets simple one-line logs; a collector reading a pipe or a file
    /// keeps JSON. Post-configured, so it holds whatever formatter the telemetry defaults chose.
    /// </summary>
    private static void AddTerminalConsoleFormat(this IServiceCollection services)
    {
        if (Console.IsOutputRedirected) return;
        services.PostConfigure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Simple);
        services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
    }
}
