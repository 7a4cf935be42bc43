using Governance.Population.Access;
using Governance.Population.Exports;
using Governance.Population.Tests.Imports;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Exports;

/// <summary>An export whose access log cannot be written stops there: no person is sent whose read was not logged.</summary>
public sealed class ExportLogFailureTests : IAsyncLifetime
{
    private readonly FailingExportLog _failing = new();
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await PopulationHost.StartAsync(configure: b => b.Services.AddSingleton<IInterceptor>(_failing));
        var rows = Enumerable.Range(0, PersonExport.BatchSize + 10)
            .Select(i => ImportFiles.Row($"居民{i}", ImportFiles.ResidentId(i, "19800101"), org: Grid1, phone: "")).ToList();
        var leader = _host.ClientAs("gl-1", Community, "grid_leader");
        var job = await ImportFiles.EndedAsync(leader, await ImportFiles.QueueAsync(leader, ImportFiles.Csv(rows), "persons.csv", Community));
        Assert.Equal("done", job.GetProperty("status").GetString());
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task When_the_second_batch_cannot_be_logged_the_response_is_broken_off_and_holds_no_complete_sheet()
    {
        _failing.FailFromBatch = 2;
        byte[]? received = null;
        try
        {
            using var response = await _host.GridWorker(Community).GetAsync($"/api/population/exports/persons?org={Community}&purpose=service_delivery", Ct);
            received = await response.Content.ReadAsByteArrayAsync(Ct);
        }
        catch (HttpRequestException) { }
        catch (IOException) { }
        if (received is not null)
            Assert.ThrowsAny<Exception>(() => new MemoryStream(received).Query(useHeaderRow: true, excelType: ExcelType.XLSX).ToList());
        // Only the first batch was logged, and nothing of the second was.
        Assert.Equal(PersonExport.BatchSize, await _host.QueryAsync(db => db.PersonReads.CountAsync(r => r.Action == "export", Ct)));
    }

    /// <summary>Fails the saving of the <see cref="FailFromBatch"/>th batch of export access-log rows (and every later one).</summary>
    private sealed class FailingExportLog : SaveChangesInterceptor
    {
        private int _batches;
        public int FailFromBatch { get; set; } = int.MaxValue;

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            if (eventData.Context!.ChangeTracker.Entries<PersonRead>().Any(e => e.State == EntityState.Added && e.Entity.Action == "export")
                && Interlocked.Increment(ref _batches) >= FailFromBatch)
                throw new DbUpdateException("The access log is not writable (test).");
            return base.SavingChangesAsync(eventData, result, cancellationToken);
        }
    }
}
