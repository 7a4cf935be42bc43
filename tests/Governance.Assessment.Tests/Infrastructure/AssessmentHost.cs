using System.Net.Http.Json;
using Governance.Assessment;
using Governance.Assessment.Data;
using Governance.Contracts.Identity;
using Governance.Testing.Hosting;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Assessment.Tests.Infrastructure;

/// <summary>
/// The assessment service on the shared <see cref="ServiceTestHost{TDb}"/>, on the real RabbitMQ under a queue prefix
/// of its own (its queues are deleted when it stops, so that no leftover queue keeps collecting other tests' events).
/// </summary>
public sealed class AssessmentHost : ServiceTestHost<AssessmentDb>, IAsyncDisposable
{
    /// <summary>
    /// This host's county: a code of its own, so that the events other hosts publish on the shared broker (other test
    /// classes, other test runs), which reach this host's queues too, never fall within its departments' org subtrees.
    /// </summary>
    public string County { get; } = "9" + Random.Shared.Next(10_000_000, 99_999_999);

    /// <summary>A node under <see cref="County"/>, e.g. <c>Org("001")</c>.</summary>
    public string Org(string tail) => $"{County}/{tail}";

    public static readonly ServiceUnderTest Service = new("assessment", b => b.AddAssessmentService(), a => a.MapAssessmentService());

    private string _prefix = "";

    private AssessmentHost() { }

    /// <param name="settings">Configuration over the test defaults (e.g. where population and the token endpoint are).</param>
    public static async Task<AssessmentHost> StartAsync(bool sqlite = false, IDictionary<string, string?>? settings = null)
    {
        var host = new AssessmentHost { _prefix = "assessment-test-" + Guid.NewGuid().ToString("n")[..8] };
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
            ["Messaging:ServiceName"] = host._prefix,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        await host.StartServiceAsync(Service, new ServiceTestHostOptions { Sqlite = sqlite, Settings = all });
        return host;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Publishes <paramref name="message"/> as the producing service's outbox would, under <paramref name="messageId"/>.</summary>
    public Task PublishAsync(object message, Guid messageId) =>
        Services.GetRequiredService<IBus>().Publish(message, ctx => ctx.MessageId = messageId, Ct);

    /// <summary>Identity's creation of a department, and the wait until assessment's copy has it.</summary>
    public async Task AddDepartmentAsync(Guid id, string code, string name, string orgPath)
    {
        await PublishAsync(new DepartmentCreated(id, code, name, "urban_management", Guid.NewGuid(), orgPath, DateTime.UtcNow, 1), Guid.NewGuid());
        var key = id.ToString();
        Assert.True(await WaitUntilAsync(() => QueryAsync(db => db.Departments.AnyAsync(d => d.DepartmentId == key, Ct)), TimeSpan.FromSeconds(30)),
            $"Department {code} never reached assessment's copy.");
    }

    /// <summary>Waits until the event log holds every one of <paramref name="messageIds"/> (each folded in the same commit).</summary>
    public async Task WaitForLoggedAsync(IEnumerable<Guid> messageIds)
    {
        var ids = messageIds.Distinct().ToList();
        await WaitUntilAsync(async () => await LoggedAsync(ids) >= ids.Count, TimeSpan.FromSeconds(60));
        Assert.Equal(ids.Count, await LoggedAsync(ids));
    }

    /// <summary>How many of <paramref name="messageIds"/> the log holds (others' events on the shared broker aside).</summary>
    public Task<int> LoggedAsync(IReadOnlyCollection<Guid> messageIds) =>
        QueryAsync(db => db.Events.CountAsync(e => messageIds.Contains(e.MessageId), Ct));

    /// <summary>Asks again until <paramref name="condition"/> holds or <paramref name="patience"/> passes; answers whether it held.</summary>
    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition, TimeSpan patience)
    {
        var until = DateTime.UtcNow + patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(50, Ct);
        }
        return true;
    }

    public async Task<T> GetAsync<T>(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<T>(Ct))!;
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await TestRabbitMq.DeleteQueuesOfAsync(_prefix);
    }
}
