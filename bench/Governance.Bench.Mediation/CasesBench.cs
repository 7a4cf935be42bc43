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
            var result = await TimedRound.RunAsync(counter, "DisputeRegistered", callers, count, i => Call(seed + i));
            if (print) Console.WriteLine($"grpc {count,6} cases, {callers,3} callers: {result.Line("cases")}");
        }

        Console.WriteLine($"mediation cases: PostgreSQL + RabbitMQ, {Environment.ProcessorCount} cores, client, server and broker on this machine");
        await Round(300, 1_000_000, print: false);   // warm-up
        for (var r = 0; r < rounds; r++) await Round(n, 10_000_000 * (r + 1), print: true);
        return 0;
    }
}
