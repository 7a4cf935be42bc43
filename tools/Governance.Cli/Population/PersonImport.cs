using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console;

namespace Governance.Cli.Population;

/// <summary>
/// Uploads a file of persons (or houses, or households: <c>kind</c>) to <c>POST /api/population/imports</c> and follows the job over REST with a
/// progress bar (validating, then importing) until it ends; prints where the rejected rows' report is.
/// Exit codes: 0 done, 1 rejected or failed, 2 the upload was refused.
/// </summary>
public sealed class PersonImport(HttpClient http, IAnsiConsole console, TimeSpan poll)
{
    public Task<int> RunAsync(string file, string org, CancellationToken ct) => RunAsync(file, org, "persons", ct);

    public async Task<int> RunAsync(string file, string org, string kind, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(kind), "kind" },
            { new StringContent(org), "org" },
        };
        await using var stream = File.OpenRead(file);
        var content = new StreamContent(stream);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", Path.GetFileName(file));
        using var response = await http.PostAsync("/api/population/imports", form, ct);
        if (!response.IsSuccessStatusCode)
        {
            console.MarkupLineInterpolated($"[red]The upload was refused ({(int)response.StatusCode}):[/] {await response.Content.ReadAsStringAsync(ct)}");
            return 2;
        }
        var job = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var id = job.GetProperty("id").GetString()!;
        console.MarkupLineInterpolated($"Import [bold]{id}[/] queued.");

        await console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async progress =>
            {
                var validating = progress.AddTask("validating", maxValue: 1);
                var importing = progress.AddTask("importing", autoStart: false, maxValue: 1);
                while (true)
                {
                    job = await http.GetFromJsonAsync<JsonElement>($"/api/population/imports/{id}", ct);
                    var status = job.GetProperty("status").GetString();
                    var total = job.GetProperty("rowsTotal").ValueKind == JsonValueKind.Number ? job.GetProperty("rowsTotal").GetInt32() : (int?)null;
                    var validated = job.GetProperty("rowsValidated").GetInt32();
                    validating.MaxValue = Math.Max(1, total ?? validated + 1);
                    validating.Value = validated;
                    if (total is { } rows)
                    {
                        importing.MaxValue = Math.Max(1, rows);
                        if (!importing.IsStarted && status is "importing" or "done") importing.StartTask();
                        importing.Value = job.GetProperty("rowsDone").GetInt32();
                    }
                    if (status is "done" or "rejected" or "failed")
                    {
                        validating.StopTask();
                        importing.StopTask();
                        return;
                    }
                    await Task.Delay(poll, ct);
                }
            });

        switch (job.GetProperty("status").GetString())
        {
            case "done":
                var done = job.GetProperty("rowsDone").GetInt32();
                if (kind == "persons") console.MarkupLineInterpolated($"[green]{done} persons imported.[/]");
                else console.MarkupLineInterpolated($"[green]{done} rows of {kind} imported.[/]");
                return 0;
            case "rejected":
                var report = new Uri(http.BaseAddress!, job.GetProperty("rejectedReport").GetString());
                console.MarkupLineInterpolated($"[red]{job.GetProperty("rowsRejected").GetInt32()} of {job.GetProperty("rowsTotal").GetInt32()} rows rejected; nothing was imported.[/]");
                console.MarkupLineInterpolated($"Rejected rows: {report} (add ?format=xlsx for a spreadsheet)");
                return 1;
            default:
                console.MarkupLineInterpolated($"[red]The import failed:[/] {job.GetProperty("error").GetString()}");
                return 1;
        }
    }
}
