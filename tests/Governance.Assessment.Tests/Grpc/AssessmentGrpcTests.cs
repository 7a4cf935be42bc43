using Governance.Assessment.Tests.Infrastructure;
using Governance.Assessment.Tests.Scores;
using Governance.Contracts.Assessment.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Governance.Assessment.Tests.Grpc;

/// <summary><c>governance.assessment.v1</c> with the generated client, as a department's system would call it, on the known history.</summary>
public sealed class AssessmentGrpcTests(ScoringFixture fixture) : IClassFixture<ScoringFixture>
{
    private AssessmentHost Host => fixture.Host;
    private Guid DepartmentA => fixture.DepartmentA;
    private Guid DepartmentB => fixture.DepartmentB;

    // In English, so that a refusal's field can be read in its message (the Chinese names it too: 期间).
    private CallOptions As(string subject, string org, string role, string? department = null) => new(
        headers: new Metadata { { "authorization", "Bearer " + Host.Issuer.TokenFor(subject, org, [role], department) }, { "accept-language", "en" } },
        deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_scorecard_and_the_ranking_read_over_gRPC_as_over_REST_with_the_same_refusals()
    {
        using var channel = GrpcChannel.ForAddress(Host.Grpc);
        var client = new AssessmentService.AssessmentServiceClient(channel);
        var assessor = As("assessor-county", Host.County, "assessor");

        var card = await client.GetScorecardAsync(new GetScorecardRequest { Department = DepartmentA.ToString(), Period = "2026-11" }, assessor);
        Assert.Equal(("56.08", "100", 1), (card.Total, card.MaxPoints, card.LetterVersion));
        var onTime = card.Items.Single(i => i.Indicator == "incident_on_time_rate");
        Assert.Equal(("0.75", 3, 4, "18.75", "0.5", "0.9"), (onTime.Value, onTime.Numerator, onTime.Denominator, onTime.Points, onTime.Floor, onTime.Target));
        var returns = card.Items.Single(i => i.Indicator == "incident_misdispatch_returns");
        Assert.False(returns.HasDenominator);
        Assert.StartsWith("/api/assessment/records?indicator=incident_misdispatch_returns", returns.Records);

        var ranking = await client.ListRankingsAsync(new ListRankingsRequest { Org = Host.County, Period = "2026-11" }, assessor);
        Assert.Contains(ranking.Departments, d => d.DepartmentId == DepartmentA.ToString() && d.Total == "56.08");

        var badPeriod = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetScorecardAsync(new GetScorecardRequest { Department = DepartmentA.ToString(), Period = "November" }, assessor).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badPeriod.StatusCode);
        Assert.Equal("The period 'November' is not a month (2026-11), a quarter (2026-Q4) or a year (2026).", badPeriod.Status.Detail);
        var otherDepartment = await Assert.ThrowsAsync<RpcException>(() => client.GetScorecardAsync(
            new GetScorecardRequest { Department = DepartmentB.ToString(), Period = "2026-11" },
            As("handler-a", fixture.StreetA, "department_handler", DepartmentA.ToString())).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, otherDepartment.StatusCode);
        var noToken = await Assert.ThrowsAsync<RpcException>(() =>
            client.ListRankingsAsync(new ListRankingsRequest { Org = Host.County, Period = "2026-11" },
                cancellationToken: TestContext.Current.CancellationToken).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, noToken.StatusCode);
    }

    [Fact]
    public async Task Python_grpcio_reads_a_scorecard_and_the_ranking()
    {
        var token = Host.Issuer.TokenFor("assessor-county", Host.County, ["assessor"]);
        var r = System.Text.Json.JsonDocument.Parse(await PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Grpc", "Interop", "assessment_client.py"),
            [$"127.0.0.1:{Host.Grpc.Port}", token, DepartmentA.ToString(), Host.County], TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("56.08", r.GetProperty("total").GetString());
        Assert.Equal(["0.6667", "3.33"], r.GetProperty("items").GetProperty("dispute_success_rate").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains(r.GetProperty("ranked").EnumerateArray(), d => d[1].GetString() == DepartmentA.ToString());
        Assert.Equal("INVALID_ARGUMENT", r.GetProperty("bad_period")[0].GetString());
        Assert.Equal("期间“2026-13”不是月份（2026-11）、季度（2026-Q4）或年份（2026）。", r.GetProperty("bad_period")[1].GetString());
    }
}
