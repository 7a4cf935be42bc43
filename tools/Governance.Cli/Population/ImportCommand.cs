using System.ComponentModel;
using System.Net.Http.Headers;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Governance.Cli.Population;

/// <summary><c>governance population import</c>: uploads the file, then shows the job's progress until it ends.</summary>
public sealed class ImportCommand : AsyncCommand<ImportCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<file>")]
        [Description("A CSV (UTF-8) or xlsx file; its first row names the columns.")]
        public string File { get; init; } = "";

        [CommandOption("--kind <KIND>")]
        [Description("What the rows are: persons, houses or households (one membership per row).")]
        [DefaultValue("persons")]
        public string Kind { get; init; } = "persons";

        [CommandOption("--org <PATH>")]
        [Description("The org path the rows land in (each row's orgPath must lie within it).")]
        public string Org { get; init; } = "";

        [CommandOption("--server <URL>")]
        [Description("The population service (or the gateway).")]
        [DefaultValue("http://127.0.0.1:8080")]
        public string Server { get; init; } = "http://127.0.0.1:8080";

        [CommandOption("--token-file <FILE>")]
        [Description("A file holding the bearer token; without it, the GOVERNANCE_TOKEN environment variable.")]
        public string? TokenFile { get; init; }

        public override ValidationResult Validate()
        {
            if (!System.IO.File.Exists(File)) return ValidationResult.Error($"No file {File}.");
            if (Kind is not ("persons" or "houses" or "households")) return ValidationResult.Error($"--kind {Kind} is not one of persons, houses, households.");
            if (string.IsNullOrWhiteSpace(Org)) return ValidationResult.Error("Give --org, the org path the rows land in.");
            return Uri.TryCreate(Server, UriKind.Absolute, out _) ? ValidationResult.Success() : ValidationResult.Error($"--server {Server} is not a URL.");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var token = settings.TokenFile is { } path ? (await System.IO.File.ReadAllTextAsync(path, cancellationToken)).Trim()
            : Environment.GetEnvironmentVariable("GOVERNANCE_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            AnsiConsole.MarkupLine("[red]No token: give --token-file or set GOVERNANCE_TOKEN.[/]");
            return 2;
        }
        using var http = new HttpClient { BaseAddress = new Uri(settings.Server), Timeout = TimeSpan.FromHours(1) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await new PersonImport(http, AnsiConsole.Console, TimeSpan.FromMilliseconds(500)).RunAsync(settings.File, settings.Org, settings.Kind, cancellationToken);
    }
}
