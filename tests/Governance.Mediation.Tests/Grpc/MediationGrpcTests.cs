using Governance.Contracts.Mediation.V1;
using Grpc.Core;
using Governance.Mediation.Bodies;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Contracts.Mediation;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;
using MediationLevel = Governance.Mediation.Cases.MediationLevel;

namespace Governance.Mediation.Tests.Grpc;

public sealed class MediationGrpcTests : IAsyncLifetime
{
    private MediationHost _host = null!;
    private MediationGrpc _grpc = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await MediationHost.StartAsync();
        _grpc = new MediationGrpc(_host);
    }

    public async ValueTask DisposeAsync()
    {
        _grpc.Dispose();
        await _host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_court_registers_a_case_reads_it_back_and_its_event_is_published()
    {
        var token = _grpc.Token("court-1", Street, "centre_operator");
        var registered = await _grpc.RegisterAsync(token);

        Assert.Matches($"^TJ{_host.Clock.GetUtcNow():yyyyMMdd}-000001$", registered.Number);
        Assert.Equal(("registered", "grid", Grid1, "court", "neighbour"), (registered.State, registered.Level, registered.ResponsibleOrgPath, registered.Source, registered.Category));
        Assert.Equal(1500.5, registered.AmountAtStake);
        Assert.Equal(["applicant 张三", "respondent 李四"], registered.Parties.Select(p => $"{p.Role} {p.Name}"));

        var byNumber = await _grpc.Client.GetCaseAsync(new GetCaseRequest { Number = registered.Number }, _grpc.As(token)).ResponseAsync;
        var byId = await _grpc.Client.GetCaseAsync(new GetCaseRequest { CaseId = registered.Id }, _grpc.As(token)).ResponseAsync;
        Assert.Equal(registered, byNumber);
        Assert.Equal(registered, byId);

        // Through the outbox, committed with the case: ids, codes and levels, never the parties.
        var registeredEvent = await _host.Events.WaitForAsync<DisputeRegistered>(e => e.Number == registered.Number);
        Assert.Equal((registered.Id, "court", "neighbour", "ordinary", "grid", Grid1, "(2026)青2801民诉前调123号"), (registeredEvent.CaseId.ToString(), registeredEvent.Source,
            registeredEvent.Category, registeredEvent.Risk, registeredEvent.Level, registeredEvent.OrgPath, registeredEvent.SourceReference));
        // The starting level's deadline (the grid's 3 days), as the case holds it: assessment counts overdue cases by it.
        Assert.NotNull(registeredEvent.LevelDueAt);
        Assert.Equal(3, (registeredEvent.LevelDueAt.Value - registeredEvent.OccurredAt).TotalDays, 3);
    }

    [Fact]
    public async Task A_bodys_cases_are_listed_newest_first_a_page_at_a_time()
    {
        var body = new MediationBody { Name = "金峰社区人民调解委员会", Kind = BodyKind.PeoplesCommittee, Specialty = "general", Level = MediationLevel.Community, OrgPath = Community };
        var token = _grpc.Token("court-1", Street, "centre_operator");
        var numbers = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var request = MediationGrpc.Request();
            request.SourceReference = $"ref-{i}";
            numbers.Add((await _grpc.RegisterAsync(token, request)).Number);
        }
        await _host.QueryAsync(async db =>
        {
            db.Bodies.Add(body);
            await db.SaveChangesAsync(Ct);
            return await db.Cases.ExecuteUpdateAsync(s => s.SetProperty(c => c.BodyId, body.Id), Ct);
        });

        var first = await _grpc.Client.ListCasesByBodyAsync(new ListCasesByBodyRequest { BodyId = body.Id.ToString(), PageSize = 2 }, _grpc.As(token)).ResponseAsync;
        var second = await _grpc.Client.ListCasesByBodyAsync(new ListCasesByBodyRequest { BodyId = body.Id.ToString(), PageSize = 2, PageToken = first.NextPageToken }, _grpc.As(token)).ResponseAsync;
        numbers.Reverse();
        Assert.Equal(numbers, first.Cases.Concat(second.Cases).Select(c => c.Number));
        Assert.Equal("", second.NextPageToken);

        // Another community's mediator does not see this body at all.
        var other = await _grpc.RefusalAsync(() => _grpc.Client.ListCasesByBodyAsync(new ListCasesByBodyRequest { BodyId = body.Id.ToString() }, _grpc.As(_grpc.Token("m-9", OtherCommunity, "mediator"))).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, other.StatusCode);
    }

    [Theory]
    [InlineData("name", "")]
    [InlineData("place", " ")]
    [InlineData("org_path", "not a path")]
    [InlineData("category", "noise")]
    [InlineData("summary", "2001")]
    [InlineData("risk", "urgent")]
    [InlineData("parties", "none")]
    [InlineData("parties[0].name", "")]
    public async Task An_invalid_registration_is_INVALID_ARGUMENT_naming_the_field(string field, string value)
    {
        var request = MediationGrpc.Request();
        switch (field)
        {
            case "name": request.Name = value; break;
            case "place": request.Place = value; break;
            case "org_path": request.OrgPath = value; break;
            case "category": request.Category = value; break;
            case "summary": request.Summary = new string('争', 2001); break;
            case "risk": request.Risk = value; break;
            case "parties": request.Parties.Clear(); break;
            default: request.Parties[0].Name = value; break;
        }
        var error = await _grpc.RefusalAsync(() => _grpc.Client.RegisterCaseAsync(request, _grpc.As(_grpc.Token("court-1", County, "centre_operator"))).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        // The same intake as REST: its message names the item (REST also names the field in `errors`).
        Assert.Contains(field switch { "org_path" => "组织路径", "category" => "类别", "risk" => "风险等级", "parties" => "当事人", _ => field }, error.Status.Detail);
        Assert.Equal(0, await _host.QueryAsync(db => db.Cases.CountAsync(Ct)));
    }

    [Fact]
    public async Task Registering_outside_the_callers_subtree_or_without_the_permission_is_PERMISSION_DENIED()
    {
        var outside = await _grpc.RefusalAsync(() => _grpc.Client.RegisterCaseAsync(MediationGrpc.Request(), _grpc.As(_grpc.Token("m-9", OtherCommunity, "mediator"))).ResponseAsync);
        var noRole = await _grpc.RefusalAsync(() => _grpc.Client.RegisterCaseAsync(MediationGrpc.Request(), _grpc.As(_grpc.Token("d-1", County, "department_handler"))).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, StatusCode.PermissionDenied), (outside.StatusCode, noRole.StatusCode));
        Assert.Contains("'mediation.intake'", noRole.Status.Detail);
        Assert.Equal(0, await _host.QueryAsync(db => db.Cases.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_case_outside_the_callers_subtree_reads_as_absent_and_no_token_is_UNAUTHENTICATED()
    {
        var registered = await _grpc.RegisterAsync(_grpc.Token("court-1", County, "centre_operator"));
        var other = await _grpc.RefusalAsync(() => _grpc.Client.GetCaseAsync(new GetCaseRequest { CaseId = registered.Id }, _grpc.As(_grpc.Token("m-9", OtherCommunity, "mediator"))).ResponseAsync);
        var anonymous = await _grpc.RefusalAsync(() => _grpc.Client.GetCaseAsync(new GetCaseRequest { CaseId = registered.Id }, _grpc.As(null)).ResponseAsync);
        Assert.Equal((StatusCode.NotFound, StatusCode.Unauthenticated), (other.StatusCode, anonymous.StatusCode));
    }

    [Fact]
    public async Task Reads_with_a_malformed_id_or_page_are_INVALID_ARGUMENT_naming_the_field()
    {
        var token = _grpc.Token("court-1", County, "centre_operator");
        var badId = await _grpc.RefusalAsync(() => _grpc.Client.GetCaseAsync(new GetCaseRequest { CaseId = "42" }, _grpc.As(token)).ResponseAsync);
        var none = await _grpc.RefusalAsync(() => _grpc.Client.GetCaseAsync(new GetCaseRequest(), _grpc.As(token)).ResponseAsync);
        var badBody = await _grpc.RefusalAsync(() => _grpc.Client.ListCasesByBodyAsync(new ListCasesByBodyRequest { BodyId = "x" }, _grpc.As(token)).ResponseAsync);
        var badSize = await _grpc.RefusalAsync(() => _grpc.Client.ListCasesByBodyAsync(new ListCasesByBodyRequest { BodyId = Guid.NewGuid().ToString(), PageSize = 500 }, _grpc.As(token)).ResponseAsync);
        Assert.All([badId, none, badBody, badSize], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Equal(["case_id 的值“42”不是 UUID。", "缺少 case_id：请提供 case_id、案件编号（number）或事件 ID（incident_id）。", "body_id 的值“x”不是 UUID。",
            "page_size 须为 1 至 200（0 表示 50）。"], new[] { badId, none, badBody, badSize }.Select(e => e.Status.Detail));
    }

    [Fact]
    public async Task The_same_source_reference_twice_is_ALREADY_EXISTS_naming_the_first_case()
    {
        var token = _grpc.Token("court-1", County, "centre_operator");
        var first = await _grpc.RegisterAsync(token);
        var again = await _grpc.RefusalAsync(() => _grpc.Client.RegisterCaseAsync(MediationGrpc.Request(), _grpc.As(token)).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
        Assert.EndsWith("的案件已登记。", again.Status.Detail);
    }

    [Fact]
    public async Task Refer_acknowledge_and_outcome_check_their_input_like_REST()
    {
        var token = _grpc.Token("court-1", County, "mediator");
        var refer = await _grpc.RefusalAsync(() => _grpc.Client.ReferCaseAsync(new ReferCaseRequest(), _grpc.As(token)).ResponseAsync);
        var acknowledge = await _grpc.RefusalAsync(() => _grpc.Client.AcknowledgeReferralAsync(new AcknowledgeReferralRequest { CaseId = "x" }, _grpc.As(token)).ResponseAsync);
        var outcome = await _grpc.RefusalAsync(() => _grpc.Client.RecordOutcomeAsync(new RecordOutcomeRequest { CaseId = Guid.NewGuid().ToString(), Outcome = "won" }, _grpc.As(token)).ResponseAsync);
        Assert.All([refer, acknowledge, outcome], e => Assert.Equal(StatusCode.InvalidArgument, e.StatusCode));
        Assert.Contains("outcome", outcome.Status.Detail);
    }
}
