using Governance.Cli.Population;
using Spectre.Console.Cli;

// governance population import <file> --org <path> [--server http://127.0.0.1:8080] [--token-file <file> | env GOVERNANCE_TOKEN]
var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("governance");
    config.AddBranch("population", population =>
    {
        population.SetDescription("The population service.");
        population.AddCommand<ImportCommand>("import").WithDescription("Import persons, houses or households from a CSV or xlsx file and follow the job to its end.");
    });
});
return await app.RunAsync(args);
