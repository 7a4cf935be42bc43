using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Governance.Mediation.Tests.Infrastructure;

namespace Governance.Mediation.Tests.Work;

/// <summary>Cases, bodies and mediators written straight into the database: intake is another feature's API.</summary>
internal static class CaseSeed
{
    private static int _next;

    public static async Task<DisputeCase> CaseAsync(MediationHost host, MediationLevel level = MediationLevel.Community, string responsible = MediationHost.Community,
        DisputeCategory category = DisputeCategory.Neighbour, RiskLevel risk = RiskLevel.Major, CaseState state = CaseState.Registered)
    {
        var now = host.Clock.GetUtcNow().UtcDateTime;
        var c = new DisputeCase
        {
            Number = $"TJ{now:yyyyMMdd}-{Interlocked.Increment(ref _next):D6}", Name = "邻里漏水纠纷", OccurredOn = DateOnly.FromDateTime(now), Place = "昆仑路12号",
            OrgPath = MediationHost.Grid1, Category = category, PeopleInvolved = 2, AmountAtStake = 5000m, Summary = "楼上漏水致楼下天花板受损",
            Risk = risk, Level = level, ResponsibleOrgPath = responsible, State = state, Source = CaseSource.CentreWindow, CreatedAt = now, UpdatedAt = now,
        };
        c.Parties.Add(new Party { CaseId = c.Id, Kind = PartyKind.Person, Role = "applicant", Name = "张三" });
        c.Parties.Add(new Party { CaseId = c.Id, Kind = PartyKind.Person, Role = "respondent", Name = "李四" });
        await host.QueryAsync(async db => { db.Cases.Add(c); return await db.SaveChangesAsync(TestContext.Current.CancellationToken); });
        return c;
    }

    public static async Task<(MediationBody Body, Mediator Mediator)> BodyAsync(MediationHost host, MediationLevel level, string org,
        string specialties = "neighbour", bool expert = false, string name = "王调解")
    {
        var body = new MediationBody { Name = $"{org} 人民调解委员会", Kind = BodyKind.PeoplesCommittee, Specialty = "general", Level = level, OrgPath = org };
        var mediator = new Mediator { BodyId = body.Id, Name = name, Specialties = specialties, IsExpert = expert };
        await host.QueryAsync(async db =>
        {
            db.Bodies.Add(body);
            db.Mediators.Add(mediator);
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        return (body, mediator);
    }
}
