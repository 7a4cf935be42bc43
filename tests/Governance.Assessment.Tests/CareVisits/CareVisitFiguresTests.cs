using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Assessment.CareVisits;
using Governance.Assessment.Scores;
using Governance.Assessment.Tests.Infrastructure;
using Governance.Identity;
using Governance.Identity.Clients;
using Governance.Identity.Data;
using Governance.Identity.Org;
using Governance.Identity.Roles;
using Governance.Population;
using Governance.Population.Care;
using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.Testing.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Assessment.Tests.CareVisits;

/// <summary>
/// Care visits on time, counts only (ADR 0013 §6): a real identity host issues assessment's service account a
/// client-credentials token (client <c>assessment</c>, role assessment_service, at the county, as the standalone seeds
/// it), a real population host answers <c>GetCareVisitFigures</c> to it, and assessment keeps the counts per community.
/// Population's minimum count is 3 here (10 by default), so the test opens few cases. The refresher runs every second.
/// </summary>
public sealed class CareVisitFiguresTests : IAsyncLifetime
{
    private const string County = "632801";
    private const string Street = "632801/001";
    private const string CommunityA = "632801/001/002";
    private const string CommunityB = "632801/001/003";
    private const string CommunityC = "632801/002/001";

    private ServiceTestHost<IdentityDb> _identity = null!;
    private ServiceTestHost<PopulationDb> _population = null!;
    private AssessmentHost _assessment = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string Key() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public async ValueTask InitializeAsync()
    {
        _identity = await ServiceTestHost<IdentityDb>.StartAsync(new ServiceUnderTest("identity", b => b.AddIdentityService(), a => a.MapIdentityService()),
            new ServiceTestHostOptions { SelfIssued = true, Settings = new Dictionary<string, string?> { ["Identity:KeyEncryptionKey"] = Key() } });
        await _identity.SeedAsync(db => db.OrgNodes.Add(new OrgNode
        {
            Code = County, Path = County, Name = "格尔木市", Level = OrgLevel.County, CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
        }));
        var secret = ClientSecrets.NewSecret();
        await _identity.SeedAsync(db => db.Set<Client>().Add(new Client
        {
            ClientId = "assessment", Name = "考核服务 (assessment care-visit counts)", GrantTypes = ClientAdmin.ClientCredentials, Scopes = "governance",
            OrgPath = County, Roles = RoleCatalog.AssessmentService, SecretHash = ClientSecrets.Hash(secret), CreatedAt = DateTime.UtcNow,
        }));
        await using (var scope = _identity.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Identity.OAuth.ClientApplications>().EnsureAllAsync(Ct);
        var issuer = _identity.Http.ToString().TrimEnd('/');

        _population = await ServiceTestHost<PopulationDb>.StartAsync(new ServiceUnderTest("population", b => b.AddPopulationService(), a => a.MapPopulationService()),
            new ServiceTestHostOptions
            {
                Settings = new Dictionary<string, string?>
                {
                    ["Auth:Issuer"] = issuer, ["Population:Protection:Keys:1:Key"] = Key(), ["Population:Protection:LookupKey"] = Key(),
                    ["Population:Care:MinimumCount"] = "3",
                },
            });
        await SeedVisitsAsync();

        _assessment = await AssessmentHost.StartAsync(settings: new Dictionary<string, string?>
        {
            [ClientCredentialsPopulationToken.AddressKey] = _population.Grpc.ToString(),
            [ClientCredentialsPopulationToken.EndpointKey] = issuer + "/connect/token",
            [ClientCredentialsPopulationToken.ClientIdKey] = "assessment",
            [ClientCredentialsPopulationToken.ClientSecretKey] = secret,
            [CareVisitRefresher.IntervalKey] = "00:00:01",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _assessment.DisposeAsync();
        await _population.DisposeAsync();
        await _identity.DisposeAsync();
    }

    // October 2026, wholly past. Community A: due 4, on time 2 (due 4th made 4th; due 14th made 13th), late 1 (due 9th
    // made 11th), not made 1 (due 20th). Community B: 1 due, withheld (< 3). Community C (another street): 3 due, all on time.
    // Setup straight into population's database: what is under test is population's answer and assessment's use of it.
    private async Task SeedVisitsAsync()
    {
        var october = new DateOnly(2026, 10, 1);
        var n = 0;
        await _population.SeedAsync(db =>
        {
            void Case(string community, int dueDay, int? visitedDay)
            {
                var person = new Person
                {
                    Id = Guid.NewGuid(), Name = $"居民{++n}", DocumentNumber = RandomNumberGenerator.GetBytes(32), DocumentHash = RandomNumberGenerator.GetBytes(32),
                    OrgPath = community + "/001", RegisteredBy = "seed", RegisteredAt = DateTime.UtcNow,
                };
                var due = october.AddDays(dueDay - 1);
                var careCase = new CareCase
                {
                    Id = Guid.NewGuid(), PersonId = person.Id, Category = CareCategories.CommunityCorrection, OrgPath = community + "/001",
                    OpenedOn = october.AddMonths(-1), OpenedBy = "leader-1", WorkerId = "cw-1", VisitIntervalDays = 30,
                    NextVisitDue = visitedDay is null ? due : due.AddYears(10),
                };
                db.Add(person);
                db.Add(careCase);
                if (visitedDay is { } made)
                    db.Add(new CareVisit
                    {
                        Id = Guid.NewGuid(), CaseId = careCase.Id, RequestId = $"v-{n}", VisitedOn = october.AddDays(made - 1), DueOn = due, Kind = "home",
                        Findings = RandomNumberGenerator.GetBytes(40), RecordedBy = "cw-1", RecordedAt = DateTime.UtcNow,
                    });
            }
            Case(CommunityA, 4, 4);
            Case(CommunityA, 9, 11);
            Case(CommunityA, 14, 13);
            Case(CommunityA, 20, null);
            Case(CommunityB, 6, 6);
            Case(CommunityC, 3, 3);
            Case(CommunityC, 10, 10);
            Case(CommunityC, 17, 16);
        });
    }

    [Fact]
    public async Task Assessment_fetches_counts_per_community_as_its_service_account_and_measures_the_subtree_without_naming_anyone()
    {
        using var admin = _assessment.ClientAs("admin-county", County, "admin");
        using var fetched = await admin.PostAsync("/api/assessment/care-visit-figures?month=2026-10", null, Ct);
        Assert.True(fetched.IsSuccessStatusCode, await fetched.Content.ReadAsStringAsync(Ct));
        var answer = (await fetched.Content.ReadFromJsonAsync<CareVisitFetcher.Fetched>(Ct))!;
        Assert.Equal(("2026-10", 1, 7, 5), (answer.Month, answer.Withheld, answer.Due, answer.OnTime));

        // The street: community A's 2 on time of 4 due; B is withheld and counts in neither; C lies elsewhere.
        using var assessor = _assessment.ClientAs("assessor-county", County, "assessor");
        var street = await _assessment.GetAsync<Scorecards.IndicatorRecords>(assessor,
            $"/api/assessment/records?indicator=care_visit_on_time_rate&period=2026-10&org={Street}");
        Assert.Equal((0.5m, 2, (int?)4), (street.Value, street.Numerator, street.Denominator));
        var only = Assert.Single(street.DenominatorRecords!);
        Assert.Equal((CommunityA, "2026-10 4", $"/api/population/care/figures/visits?month=2026-10&org={CommunityA}"), (only.Id, only.Number, only.Link));
        Assert.Equal("2026-10 2", Assert.Single(street.NumeratorRecords).Number);
        // The county: 5 on time of 7 due (A and C); the quarter holds October.
        var county = await _assessment.GetAsync<Scorecards.IndicatorRecords>(assessor,
            $"/api/assessment/records?indicator=care_visit_on_time_rate&period=2026-Q4&org={County}");
        Assert.Equal((0.7143m, 5, (int?)7), (county.Value, county.Numerator, county.Denominator));

        // Fetched again, the month's rows are replaced, not added to.
        using (var again = await admin.PostAsync("/api/assessment/care-visit-figures?month=2026-10", null, Ct)) again.EnsureSuccessStatusCode();
        var october = new DateOnly(2026, 10, 1);
        Assert.Equal(3, await _assessment.QueryAsync(db => db.Set<CareVisitFigure>().CountAsync(f => f.Month == october, Ct)));
    }

    [Fact]
    public async Task Fetching_is_for_assessments_managers_and_a_month_that_is_not_one_is_refused_naming_it()
    {
        using var assessor = _assessment.ClientAs("assessor-county", County, "assessor");
        using (var refused = await assessor.PostAsync("/api/assessment/care-visit-figures?month=2026-10", null, Ct))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var admin = _assessment.ClientAs("admin-county", County, "admin");
        using var bad = await admin.PostAsync("/api/assessment/care-visit-figures?month=2026-13", null, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = await bad.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty("month", out _), problem.ToString());
    }

    [Fact]
    public async Task The_refresher_keeps_this_months_counts_without_being_asked()
    {
        // No test asks for the month we are in (China time): only the refresher (every second here) fetches it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var month = new DateOnly(today.Year, today.Month, 1);
        Assert.True(await AssessmentHost.WaitUntilAsync(
            () => _assessment.QueryAsync(db => db.Set<CareVisitFigure>().AnyAsync(f => f.Month == month && f.Community == CommunityA, Ct)),
            TimeSpan.FromSeconds(60)), "The refresher never fetched this month's counts.");
        // Nothing fell due there this month: withheld like any count under the minimum.
        var row = await _assessment.QueryAsync(db => db.Set<CareVisitFigure>().SingleAsync(f => f.Month == month && f.Community == CommunityA, Ct));
        Assert.Equal(((int?)null, "<3"), (row.Due, row.Shown));
    }
}
