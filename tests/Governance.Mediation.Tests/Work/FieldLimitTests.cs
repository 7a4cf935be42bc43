using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Mediation.V1;
using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Governance.Mediation.Data;
using Governance.Mediation.Tests.Grpc;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Mediation.Work;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;

namespace Governance.Mediation.Tests.Work;

/// <summary>
/// Every free-text field mediation stores is refused at its column's length (TextLimits), at the
/// interface: 400 naming the JSON field over REST, INVALID_ARGUMENT naming the proto field over gRPC,
/// and nothing written. Before, an over-long note reached PostgreSQL and came back as a 500.
/// </summary>
public sealed class FieldLimitTests : IAsyncLifetime
{
    private MediationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await MediationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTime Now => _host.Clock.GetUtcNow().UtcDateTime;

    private static string Over(int max) => new('纠', max + 1);

    /// <summary>Counts of every table a refused request could have written, and each case's version.</summary>
    private Task<string> WrittenAsync() => _host.QueryAsync(async db => string.Join(",",
        await db.Cases.CountAsync(Ct), await db.Parties.CountAsync(Ct), await db.CaseSteps.CountAsync(Ct), await db.Bodies.CountAsync(Ct),
        await db.Mediators.CountAsync(Ct), await db.Set<MediationSession>().CountAsync(Ct), await db.Set<CaseOutcome>().CountAsync(Ct),
        await db.Set<AgreementAmount>().CountAsync(Ct), await db.Set<PerformanceCheck>().CountAsync(Ct), await db.Set<FollowUp>().CountAsync(Ct),
        await db.Set<JudicialConfirmationRequest>().CountAsync(Ct),
        string.Join(";", await db.Cases.OrderBy(c => c.Id).Select(c => c.Version).ToListAsync(Ct))));

    [Fact]
    public async Task An_over_long_value_in_any_stored_field_is_a_400_naming_it_and_nothing_is_written()
    {
        var registered = await CaseSeed.CaseAsync(_host);
        var inMediation = await CaseSeed.CaseAsync(_host, state: CaseState.InMediation);
        var settled = await CaseSeed.CaseAsync(_host, state: CaseState.Settled);
        var (body, _) = await CaseSeed.BodyAsync(_host, MediationLevel.Community, Community);
        var referred = await CaseSeed.CaseAsync(_host, state: CaseState.Referred);
        await _host.SeedAsync(db =>
        {
            db.Add(new MediationSession { CaseId = inMediation.Id, HeldAt = Now, Place = "社区调解室", Participants = "张三", Minutes = "到场", RecordedBy = "m", RecordedAt = Now });
            db.Add(new CaseOutcome { CaseId = settled.Id, Kind = OutcomeKind.Agreement, Terms = "赔偿", PerformanceDeadline = DateOnly.FromDateTime(Now.AddDays(9)), MediatorName = "王调解", RecordedBy = "m", RecordedAt = Now });
            db.Cases.Attach(referred).Entity.ReferredToBodyId = body.Id;
        });
        var parties = registered.Parties.Select(p => new { kind = "person", role = p.Role, name = p.Name }).ToArray();
        var deadline = DateOnly.FromDateTime(Now.AddDays(30));
        var (r, m, s) = ($"/api/mediation/cases/{registered.Id}", $"/api/mediation/cases/{inMediation.Id}", $"/api/mediation/cases/{settled.Id}");
        var intake = new
        {
            source = "centre_window", name = "漏水", occurredOn = DateOnly.FromDateTime(Now), place = "昆仑路", orgPath = Grid1, category = "neighbour",
            peopleInvolved = 2, summary = "漏水", risk = "ordinary", sourceReference = (string?)null, parties,
        };
        var party = new { kind = "person", role = "other", name = "王五", contact = "13700137000" };
        var session = new { heldAt = Now, place = "调解室", remoteLink = (string?)null, participants = new[] { "张三" }, minutes = "记录" };
        object Outcome(string? terms = "赔偿", string? note = null, string description = "维修费") => new
        {
            kind = "agreement", terms, note, amounts = new[] { new { description, amount = 10m } }, performanceDeadline = deadline,
            confirmations = inMediation.Parties.Select(p => new { partyId = p.Id, method = "in_person", confirmedAt = Now }),
        };

        var rows = new (string Method, string Path, object Body, string Field)[]
        {
            ("POST", "/api/mediation/cases", intake with { name = Over(TextLimits.CaseName) }, "name"),
            ("POST", "/api/mediation/cases", intake with { place = Over(TextLimits.Place) }, "place"),
            ("POST", "/api/mediation/cases", intake with { summary = Over(TextLimits.Summary) }, "summary"),
            ("POST", "/api/mediation/cases", intake with { sourceReference = (string?)Over(TextLimits.SourceReference) }, "sourceReference"),
            ("POST", "/api/mediation/cases", intake with { parties = [parties[0] with { name = Over(TextLimits.PartyName) }, parties[1]] }, "parties[0].name"),
            ("POST", "/api/mediation/cases", new { intake.source, intake.name, intake.occurredOn, intake.place, intake.orgPath, intake.category, intake.peopleInvolved,
                intake.summary, intake.risk, parties = new[] { party with { contact = Over(TextLimits.Contact) } } }, "parties[0].contact"),
            ("PATCH", r, new { name = Over(TextLimits.CaseName) }, "name"),
            ("PATCH", r, new { place = Over(TextLimits.Place) }, "place"),
            ("PATCH", r, new { summary = Over(TextLimits.Summary) }, "summary"),
            ("POST", $"{r}/parties", party with { name = Over(TextLimits.PartyName) }, "name"),
            ("POST", $"{r}/parties", party with { contact = Over(TextLimits.Contact) }, "contact"),
            ("POST", $"{r}/escalate", new { reason = Over(TextLimits.Reason) }, "reason"),
            ("POST", $"{r}/refer", new { toBodyId = Guid.NewGuid(), reason = Over(TextLimits.Reason) }, "reason"),
            ("POST", $"/api/mediation/cases/{referred.Id}/acknowledge", new { note = Over(TextLimits.Note) }, "note"),
            ("POST", $"{r}/assign", new { bodyId = body.Id, mediatorId = Guid.NewGuid(), note = Over(TextLimits.Note) }, "note"),
            ("POST", $"{r}/decline", new { reason = "other", note = Over(TextLimits.Note) }, "note"),
            ("POST", $"{m}/withdraw", new { reason = "other", note = Over(TextLimits.Note), partyId = inMediation.Parties.Single(p => p.Role == "applicant").Id }, "note"),
            ("POST", $"{m}/sessions", session with { place = Over(TextLimits.SessionPlace) }, "place"),
            ("POST", $"{m}/sessions", session with { place = null!, remoteLink = "https://meet.example.cn/" + Over(TextLimits.RemoteLink) }, "remoteLink"),
            ("POST", $"{m}/sessions", session with { participants = [Over(TextLimits.Participants)] }, "participants"),
            ("POST", $"{m}/sessions", session with { minutes = Over(TextLimits.Minutes) }, "minutes"),
            ("POST", $"{m}/outcome", Outcome(terms: Over(TextLimits.Terms)), "terms"),
            ("POST", $"{m}/outcome", Outcome(note: Over(TextLimits.OutcomeNote)), "note"),
            ("POST", $"{m}/outcome", Outcome(description: Over(TextLimits.AmountDescription)), "amounts[0].description"),
            ("POST", $"{s}/performance", new { status = "performed", on = DateOnly.FromDateTime(Now), note = Over(TextLimits.Note) }, "note"),
            ("POST", $"{s}/follow-ups", new { satisfaction = 5, comment = Over(TextLimits.Note) }, "comment"),
            ("POST", $"{s}/judicial-confirmation", new { court = Over(TextLimits.Court) }, "court"),
            ("POST", $"{s}/judicial-confirmation", new { court = "某县人民法院", note = Over(TextLimits.Note) }, "note"),
            ("POST", "/api/mediation/bodies", new { name = Over(TextLimits.BodyName), kind = "peoples_committee", level = "community", orgPath = Community }, "name"),
            ("POST", "/api/mediation/bodies", new { name = "委员会", kind = "peoples_committee", specialty = new string('x', TextLimits.Specialty + 1), level = "community", orgPath = Community }, "specialty"),
            ("POST", $"/api/mediation/bodies/{body.Id}/mediators", new { name = Over(TextLimits.MediatorPersonName), specialties = new[] { "neighbour" } }, "name"),
            ("POST", $"/api/mediation/bodies/{body.Id}/mediators", new { name = "王五", userId = new string('u', TextLimits.UserId + 1), specialties = new[] { "neighbour" } }, "userId"),
            ("POST", $"/api/mediation/bodies/{body.Id}/mediators", new { name = "王五", specialties = Enumerable.Range(0, 30).Select(i => $"specialty{i:D2}").ToArray() }, "specialties"),
        };

        using var mediator = _host.ClientAs("m-community", Community, "mediator");
        using var admin = _host.ClientAs("admin-1", Community, "admin");
        foreach (var (method, path, request, field) in rows)
        {
            var client = path.StartsWith("/api/mediation/bodies", StringComparison.Ordinal) ? admin : mediator;
            var before = await WrittenAsync();
            using var message = new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(request) };
            var response = await client.SendAsync(message, Ct);
            var text = await response.Content.ReadAsStringAsync(Ct);
            var row = $"{method} {path} {field}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}";
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, row);
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), row);
            Assert.True(before == await WrittenAsync(), $"{row}: something was written");
        }
    }

    [Fact]
    public async Task Over_gRPC_an_over_long_value_is_INVALID_ARGUMENT_naming_the_proto_field_and_nothing_is_written()
    {
        using var grpc = new MediationGrpc(_host);
        var token = grpc.As(grpc.Token("m-community", Community, "mediator"));
        var registered = await CaseSeed.CaseAsync(_host);
        var id = registered.Id.ToString();
        RegisterCaseRequest Register(Action<RegisterCaseRequest> edit)
        {
            var request = MediationGrpc.Request(Community);
            edit(request);
            return request;
        }

        var calls = new (string Field, Func<Task> Call)[]
        {
            ("name", () => grpc.Client.RegisterCaseAsync(Register(x => x.Name = Over(TextLimits.CaseName)), token).ResponseAsync),
            ("summary", () => grpc.Client.RegisterCaseAsync(Register(x => x.Summary = Over(TextLimits.Summary)), token).ResponseAsync),
            ("source_reference", () => grpc.Client.RegisterCaseAsync(Register(x => x.SourceReference = Over(TextLimits.SourceReference)), token).ResponseAsync),
            ("parties[0].name", () => grpc.Client.RegisterCaseAsync(Register(x => x.Parties[0].Name = Over(TextLimits.PartyName)), token).ResponseAsync),
            ("amount_at_stake", () => grpc.Client.RegisterCaseAsync(Register(x => x.AmountAtStake = double.NaN), token).ResponseAsync),
            ("place", () => grpc.Client.UpdateCaseAsync(new UpdateCaseRequest { CaseId = id, Place = Over(TextLimits.Place) }, token).ResponseAsync),
            ("party.name", () => grpc.Client.AddPartyAsync(new AddPartyRequest { CaseId = id, Party = new Contracts.Mediation.V1.Party { Kind = "person", Role = "other", Name = Over(TextLimits.PartyName) } }, token).ResponseAsync),
            ("reason", () => grpc.Client.ReferCaseAsync(new ReferCaseRequest { CaseId = id, ToBodyId = Guid.NewGuid().ToString(), Reason = Over(TextLimits.Reason) }, token).ResponseAsync),
            ("note", () => grpc.Client.DeclineCaseAsync(new DeclineCaseRequest { CaseId = id, Reason = "other", Note = Over(TextLimits.Note) }, token).ResponseAsync),
        };
        foreach (var (field, call) in calls)
        {
            var before = await WrittenAsync();
            var refused = await grpc.RefusalAsync(call);
            Assert.True(refused.StatusCode == StatusCode.InvalidArgument, $"{field}: {refused.Status}");
            Assert.True(refused.Status.Detail.Contains(field, StringComparison.Ordinal), $"{field}: {refused.Status.Detail}");
            Assert.True(before == await WrittenAsync(), $"{field}: something was written");
        }
    }
}
