using System.Diagnostics;
using System.Security.Cryptography;
using Governance.Contracts.Mediation.V1;
using Governance.Mediation;
using Governance.Mediation.Data;
using Grpc.Core;
using Grpc.Net.Client;
using Governance.Testing;
using Governance.Testing.Hosting;

namespace Governance.Bench.Mediation;

/// <summary>
/// Cases registered per second with their DisputeRegistered events delivered: N RegisterCase calls
/// from C concurrent callers, each round timed from the first call until a RabbitMQ consumer outside
/// the service has counted all N events (every registration takes a number, commits the case, its
/// parties, its history line and its event through the outbox).
/// </summary>
internal static class CasesBench
{
    private const string Prefix = "bench-mediation-cases";
    private static readonly ServiceUnderTest Service = new("mediation", b => b.AddMediationService(), a => a.MapMediationService());
    private static readonly string[] Categories = ["neighbour", "family_and_marriage", "labour_and_wages", "property_management", "contract"];

    public static async Task<int> RunAsync(string[] args)
    {
        var n = args.Length > 0 ? int.Parse(args[0]) : 2000;
        var callers = args.Length > 1 ? int.Parse(args[1]) : 16;
        var rounds = args.Length > 2 ? int.Parse(args[2]) : 2;
        // The service on the shared test host (h2c gRPC, a fresh PostgreSQL database, a test issuer), its bus on RabbitMQ, the real clock.
        await using var host = await ServiceTestHost<MediationDb>.StartAsync(Service, new ServiceTestHostOptions
        {
            RealClock = true,
            Settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:rabbitmq"] = TestRabbitMq.ConnectionString,
                ["Messaging:ServiceName"] = Prefix,
                // The service will not register a case without a key for parties' contacts (none here).
                ["Mediation:KeyEncryptionKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                // A log line per call is not what is measured.
                ["Logging:LogLevel:Default"] = "Warning",
            },
        });
        await using var counter = await EventCounter.StartAsync(TestRabbitMq.ConnectionString, "Governance.Contracts.Mediation:DisputeRegistered", "bench-mediation-cases-counter");
        var token = host.Issuer.TokenFor("bench-court", "632801", ["centre_operator"]);
        using var channel = GrpcChannel.ForAddress(host.Grpc);
        var grpc = new MediationService.MediationServiceClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + token } };

        Task Call(int i)
        {
            var request = new RegisterCaseRequest
            {
                Name = $"纠纷 {i}", Place = "昆仑路", OrgPath = $"632801/001/{1 + i % 6:D3}/{1 + i % 5:D3}", Category = Categories[i % Categories.Length],
                Summary = "压测登记的矛盾纠纷", Risk = i % 10 == 0 ? "major" : "ordinary", Source = "court", SourceReference = $"bench-{i}",
            };
            request.Parties.Add(new Party { Kind = "person", Role = "applicant", Name = "甲" });
            request.Parties.Add(new Party { Kind = "person", Role = "respondent", Name = "乙" });
            return grpc.RegisterCaseAsync(request, auth).ResponseAsync;
        }

        async Task Round(int count, int seed, bool print)
        {
            var target = counter.Count + count;
            var next = -1;
            var latencies = new double[count];
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var started = Stopwatch.GetTimestamp();
                    await Call(seed + i);
                    latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }));
            var answered = clock.Elapsed.TotalSeconds;
            if (!await counter.WaitForAsync(target, TimeSpan.FromMinutes(2)))
                throw new InvalidOperationException($"only {count - (target - counter.Count)} of {count} DisputeRegistered events arrived within 2 minutes.");
            var delivered = clock.Elapsed.TotalSeconds;
            Array.Sort(latencies);
            if (print)
                Console.WriteLine($"grpc {count,6} cases, {callers,3} callers: {count / delivered,7:F0} cases/s with events delivered " +
                    $"({count / answered,7:F0}/s answered; p50 {latencies[count / 2],6:F1} ms, p99 {latencies[count * 99 / 100],6:F1} ms; last event {1000 * (delivered - answered),5:F0} ms after the last answer)");
        }

        Console.WriteLine($"mediation cases: PostgreSQL + RabbitMQ, {Environment.ProcessorCount} cores, client, server and broker on this machine");
        await Round(300, 1_000_000, print: false);   // warm-up
        for (var r = 0; r < rounds; r++) await Round(n, 10_000_000 * (r + 1), print: true);
        return 0;
    }
}
