using Governance.Messaging.Bus;
using Governance.Messaging.Outbox;
using Governance.Messaging.TestHost;
using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Writes Writer:Transactions transactions of Writer:EventsPerTransaction events each through the
// outbox, resuming after the last committed one, then waits until the outbox is empty. Prints
// "written N" as it goes, "drained" at the end. Tests kill it (SIGKILL) and start it again.
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.AddServiceDatabase<LedgerDb>("ledger");
builder.AddOutbox<LedgerDb>();
builder.AddMessaging();
using var host = builder.Build();

var transactions = builder.Configuration.GetValue("Writer:Transactions", 1000);
var perTransaction = builder.Configuration.GetValue("Writer:EventsPerTransaction", 10);
var aggregates = builder.Configuration.GetValue("Writer:Aggregates", 50);
var delay = TimeSpan.FromMilliseconds(builder.Configuration.GetValue("Writer:DelayMs", 0));

await using (var scope = host.Services.CreateAsyncScope())
    await scope.ServiceProvider.GetRequiredService<LedgerDb>().Database.EnsureCreatedAsync();
await host.StartAsync();

long next;
await using (var scope = host.Services.CreateAsyncScope())
    next = (await scope.ServiceProvider.GetRequiredService<LedgerDb>().Transactions.MaxAsync(t => (long?)t.No) ?? -1) + 1;

for (var no = next; no < transactions; no++)
{
    await using var scope = host.Services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<LedgerDb>();
    var aggregate = $"ledger-{no % aggregates}";
    db.Transactions.Add(new LedgerTransaction { No = no, CommittedAt = DateTime.UtcNow });
    for (var i = 0; i < perTransaction; i++)
    {
        var entry = no * perTransaction + i;
        db.AddToOutbox(new LedgerEntryWritten(entry, aggregate, entry, DateTime.UtcNow), aggregate);
    }
    await db.SaveChangesAsync();
    if ((no + 1) % 20 == 0) Console.WriteLine($"written {no + 1}");
    if (delay > TimeSpan.Zero) await Task.Delay(delay);
}
Console.WriteLine($"written {transactions}");

while (true)
{
    await using var scope = host.Services.CreateAsyncScope();
    if (!await scope.ServiceProvider.GetRequiredService<LedgerDb>().Set<OutboxMessage>().AnyAsync()) break;
    await Task.Delay(100);
}
Console.WriteLine("drained");
await host.StopAsync();
return 0;
