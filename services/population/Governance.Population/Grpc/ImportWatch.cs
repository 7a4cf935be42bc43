using Governance.Contracts.Population.V1;
using Governance.Population.Imports;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Population.Grpc;

/// <summary>
/// <c>WatchImport</c>: sends an import job's progress whenever it changed, reading the job every
/// <see cref="Poll"/>, until the job ends. Each read is a fresh scope: the stream may last minutes.
/// </summary>
public static class ImportWatch
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static async Task WatchAsync(IServiceScopeFactory scopes, WatchImportRequest request, IServerStreamWriter<ImportProgress> stream, ServerCallContext context)
    {
        if (!Guid.TryParse(request.JobId, out var id)) throw DomainException.Invalid("job_id", "The job id is not a UUID.");
        var http = context.GetHttpContext();
        var caller = http.Caller();
        var language = UserLanguages.Of(http.Request);
        ImportProgress? last = null;
        while (true)
        {
            ImportJob job;
            await using (var scope = scopes.CreateAsyncScope())
                job = await scope.ServiceProvider.GetRequiredService<ImportJobs>().GetAsync(caller, id, context.CancellationToken);
            var view = ImportView.Of(job, language);
            var progress = new ImportProgress
            {
                JobId = view.Id.ToString(), Status = view.Status, RowsValidated = view.RowsValidated, RowsDone = view.RowsDone,
                RowsRejected = view.RowsRejected, Error = view.Error ?? "",
            };
            if (view.RowsTotal is { } total) progress.RowsTotal = total;
            if (!progress.Equals(last)) await stream.WriteAsync(progress, context.CancellationToken);
            last = progress;
            if (ImportView.HasEnded(job.Status)) return;
            await Task.Delay(Poll, context.CancellationToken);
        }
    }
}
