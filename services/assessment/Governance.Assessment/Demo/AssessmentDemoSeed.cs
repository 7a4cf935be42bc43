using Governance.Assessment.Access;
using Governance.Assessment.Data;
using Governance.Assessment.Indicators;
using Governance.Assessment.Inspections;
using Governance.Assessment.Letters;
using Governance.Assessment.Manual;
using Governance.Assessment.Reviews;
using Governance.Assessment.Tasks;
using Governance.Contracts.Demo;
using Governance.ServiceDefaults.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Assessment.Demo;

/// <summary>Demo settings. JSON shape: <code>"Assessment": { "DemoSeed": true }</code> (the standalone host only).</summary>
public sealed class AssessmentDemoOptions
{
    public const string Section = "Assessment";
    public bool DemoSeed { get; set; }
}

/// <summary>
/// The standalone demo's responsibility letters: once identity's demo member departments have reached this service
/// (through their events), each gets a signed letter for this year (Beijing time) drawn up and signed by a demo assessor
/// through <see cref="LetterBook"/>, so validation and permissions run as for anyone. Their scores then come from the
/// demo's own work as it flows in: grid's incidents (dispatched to the urban management bureau), the disputes grid hands
/// to mediation, video-alert's alerts; and two departments' monthly tasks, reported and reviewed month by month. Runs once:
/// nothing happens when the year has a letter already.
/// </summary>
internal sealed partial class AssessmentDemoSeed(IServiceScopeFactory scopes, IOptions<AssessmentDemoOptions> options, TimeProvider clock,
    ILogger<AssessmentDemoSeed> logger) : BackgroundService
{
    private static LetterBook.ItemInput Linear(string indicator, decimal weight, decimal floor, decimal target) => new(indicator, weight, ScoringRules.Linear, floor, target, null);
    private static LetterBook.ItemInput Threshold(string indicator, decimal weight, decimal target) => new(indicator, weight, ScoringRules.Threshold, null, target, null);
    private static LetterBook.ItemInput Deduction(string indicator, decimal weight, decimal perCase) => new(indicator, weight, ScoringRules.Deduction, null, null, perCase);

    /// <summary>Each demo department's letter: what its work is measured by (weights add up to 100).</summary>
    internal static readonly IReadOnlyDictionary<Guid, LetterBook.ItemInput[]> Letters = new Dictionary<Guid, LetterBook.ItemInput[]>
    {
        [DemoDepartments.UrbanManagement] =
        [
            Linear("incident_on_time_rate", 30, 0.6m, 0.95m), Linear("incident_rework_rate", 15, 0.3m, 0.05m), Threshold("incident_extension_rate", 10, 0.2m),
            Linear("incident_satisfaction_rate", 20, 0.6m, 0.9m), Deduction("incident_misdispatch_returns", 10, 2), Linear("alert_ack_on_time_rate", 15, 0.5m, 0.95m),
        ],
        [DemoDepartments.Justice] =
        [
            Linear("dispute_success_rate", 40, 0.6m, 0.9m), Linear("dispute_grassroots_share", 20, 0.4m, 0.8m), Threshold("alert_ack_on_time_rate", 10, 0.9m),
            Deduction("dispute_overdue_cases", 10, 2), Linear(PublicityIndicator, 20, 0.5m, 1m),
        ],
        [DemoDepartments.PublicSecurity] =
            [Linear("alert_ack_on_time_rate", 50, 0.5m, 0.95m), Threshold("dispute_success_rate", 30, 0.8m), Linear(PublicityIndicator, 20, 0.5m, 1m)],
        [DemoDepartments.CivilAffairs] =
        [
            Linear("rental_reinspection_on_time_rate", 40, 0.6m, 0.95m), Linear("dispute_grassroots_share", 40, 0.4m, 0.8m),
            Linear("task_completion_rate", 20, 0.6m, 1m),
        ],
        [DemoDepartments.LettersAndVisits] =
        [
            Linear("dispute_success_rate", 50, 0.6m, 0.9m), Threshold("dispute_grassroots_share", 30, 0.6m), Linear("task_completion_rate", 20, 0.6m, 1m),
        ],
        [DemoDepartments.MarketRegulation] =
            [Linear("incident_on_time_rate", 40, 0.6m, 0.95m), Linear("incident_satisfaction_rate", 30, 0.6m, 0.9m), Threshold("alert_ack_on_time_rate", 30, 0.9m)],
    };

    /// <summary>The demo's manual indicator (a share the department reports with evidence and an assessor reviews).</summary>
    internal const string PublicityIndicator = "publicity_coverage";

    /// <summary>The quantified monthly tasks (按月定量分配) the demo allocates to a department each month: title, quantity, unit.</summary>
    internal static readonly IReadOnlyDictionary<Guid, (string Title, int Quantity, string Unit)> MonthlyTasks = new Dictionary<Guid, (string, int, string)>
    {
        [DemoDepartments.CivilAffairs] = ("排查出租房屋安全隐患", 40, "户"),
        [DemoDepartments.LettersAndVisits] = ("化解信访积案", 6, "件"),
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DemoSeed) return;
        try
        {
            if (!await WaitAsync(HaveDepartmentsAsync, stoppingToken)) { LogNoDepartments(logger); return; }
            if (!await WaitAsync(MayScoreAsync, stoppingToken)) { LogNoRoles(logger); return; }
            var year = clock.GetUtcNow().UtcDateTime.AddHours(8).Year;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AssessmentDb>();
            if (await db.Letters.AnyAsync(l => l.Year == year, stoppingToken)) return;
            var root = (await db.Departments.AsNoTracking().FirstAsync(d => d.DepartmentId == DemoDepartments.UrbanManagement.ToString(), stoppingToken)).OrgPath;
            var assessor = new Caller("demo-assessor", OrgPath.Parse(root), new HashSet<string> { "assessor" }, new HashSet<string>(), "demo-seed");
            await AddManualIndicatorAsync(scope.ServiceProvider, root, stoppingToken);
            var letters = scope.ServiceProvider.GetRequiredService<LetterBook>();
            foreach (var (department, items) in Letters)
            {
                var letter = await letters.CreateAsync(assessor, new LetterBook.CreateRequest(department.ToString(), year, $"演示-{year}年度目标责任书", items), stoppingToken);
                await letters.SignAsync(assessor, letter.Id, 1, stoppingToken);
            }
            var tasks = await AllocateTasksAsync(scope.ServiceProvider, assessor, year, stoppingToken);
            await EnterManualValuesAndFindingsAsync(scope.ServiceProvider, assessor, stoppingToken);
            LogSeeded(logger, Letters.Count, year, tasks);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e);
        }
    }

    /// <summary>
    /// Each month of the year so far, every task department gets its task; a month that has ended was reported by the
    /// department's handler and accepted by the demo assessor (some short of the quantity), the current one is still open.
    /// Through <see cref="TaskBook"/>, as people would.
    /// </summary>
    private async Task<int> AllocateTasksAsync(IServiceProvider services, Caller assessor, int year, CancellationToken ct)
    {
        var book = services.GetRequiredService<TaskBook>();
        var today = clock.GetUtcNow().UtcDateTime.AddHours(8);
        var random = new Random(year);
        var count = 0;
        foreach (var (department, (title, quantity, unit)) in MonthlyTasks)
        {
            var handler = new Caller("demo-department-handler", assessor.OrgPath, new HashSet<string> { "department_handler" }, new HashSet<string>(), "demo-seed")
            {
                Department = department.ToString(),
            };
            for (var month = 1; month <= today.Month; month++)
            {
                var task = await book.AllocateAsync(assessor,
                    new TaskBook.AllocateRequest(department.ToString(), $"{year}-{month:D2}", title, quantity, unit, "演示数据"), ct);
                count++;
                if (month == today.Month) continue;
                var done = Math.Max(0, quantity - random.Next(0, quantity / 4 + 1));
                await book.ReportAsync(handler, task.Id, new TaskBook.ReportRequest(done, "演示: 已完成并上报台账",
                    [new EvidenceInput("工作台账.xlsx", "demo://assessment/tasks/ledger.xlsx", "document")]), ct);
                await book.ReviewAsync(assessor, task.Id, 1, new ReviewRequest("accept", "演示: 核实无误"), ct);
            }
        }
        return count;
    }

    /// <summary>The manual indicator the demo letters name, added to the library by the county's admin (assessment.manage) if absent.</summary>
    private static async Task AddManualIndicatorAsync(IServiceProvider services, string root, CancellationToken ct)
    {
        var book = services.GetRequiredService<IndicatorBook>();
        var latest = await book.VersionAsync((await book.LatestAsync(ct)).Version, ct);
        if (latest.Document.Find(PublicityIndicator) is not null) return;
        var admin = new Caller("demo-admin", OrgPath.Parse(root), new HashSet<string> { "admin" }, new HashSet<string>(), "demo-seed");
        var indicators = latest.Document.Indicators.Select(i => (IndicatorLibraryChanges.IndicatorInput?)new IndicatorLibraryChanges.IndicatorInput(i.Code, i.Name, i.Measure))
            .Append(new IndicatorLibraryChanges.IndicatorInput(PublicityIndicator, "平安建设宣传覆盖率", ManualMeasure.RateMeasure.Key)).ToList();
        await services.GetRequiredService<IndicatorLibraryChanges>().ChangeAsync(admin,
            new IndicatorLibraryChanges.Change(latest.Version, null, "演示: 人工填报指标", indicators), ct);
    }

    /// <summary>
    /// This month's human-entered parts, as people enter them: the publicity coverage of public security and justice,
    /// reported by each department's handler with evidence and reviewed by the demo assessor (justice's first report
    /// rejected for missing evidence of the townships, the second accepted); and two inspection findings (督查暗访) —
    /// one standing against market regulation, one against urban management contested by the department and upheld by
    /// an assessor other than the inspector.
    /// </summary>
    private async Task EnterManualValuesAndFindingsAsync(IServiceProvider services, Caller assessor, CancellationToken ct)
    {
        var month = clock.GetUtcNow().UtcDateTime.AddHours(8).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Caller Handler(Guid department) =>
            new("demo-department-handler", assessor.OrgPath, new HashSet<string> { "department_handler" }, new HashSet<string>(), "demo-seed")
            {
                Department = department.ToString(),
            };
        var manual = services.GetRequiredService<ManualValueBook>();
        EvidenceInput[] photos = [new("宣传活动照片.jpg", "demo://assessment/manual/publicity.jpg", "photo"), new("宣传台账.docx", "demo://assessment/manual/ledger.docx", "document")];
        var security = await manual.SubmitAsync(Handler(DemoDepartments.PublicSecurity),
            new ManualValueBook.SubmitRequest(DemoDepartments.PublicSecurity.ToString(), PublicityIndicator, month, 0.92m, "演示: 入户宣传覆盖", photos), ct);
        await manual.ReviewAsync(assessor, security.Id, new ReviewRequest("accept", "演示: 台账与照片相符"), ct);
        var justice = await manual.SubmitAsync(Handler(DemoDepartments.Justice),
            new ManualValueBook.SubmitRequest(DemoDepartments.Justice.ToString(), PublicityIndicator, month, 0.85m, "演示: 普法宣传覆盖", [photos[0]]), ct);
        await manual.ReviewAsync(assessor, justice.Id, new ReviewRequest("reject", "演示: 缺少乡镇宣传台账"), ct);
        justice = await manual.SubmitAsync(Handler(DemoDepartments.Justice),
            new ManualValueBook.SubmitRequest(DemoDepartments.Justice.ToString(), PublicityIndicator, month, 0.8m, "演示: 补充乡镇台账后重报", photos), ct);
        await manual.ReviewAsync(assessor, justice.Id, new ReviewRequest("accept", "演示: 补充材料齐全"), ct);

        var findings = services.GetRequiredService<FindingBook>();
        var inspector = assessor with { Subject = "demo-inspector" };
        EvidenceInput[] scene = [new("暗访照片.jpg", "demo://assessment/findings/scene.jpg", "photo")];
        await findings.RecordAsync(inspector, new FindingBook.RecordRequest(DemoDepartments.MarketRegulation.ToString(), month, 2m, "演示: 暗访发现农贸市场消防通道堵塞", scene), ct);
        var contested = await findings.RecordAsync(inspector,
            new FindingBook.RecordRequest(DemoDepartments.UrbanManagement.ToString(), month, 1.5m, "演示: 暗访发现占道经营未及时处置", scene), ct);
        await findings.ContestAsync(Handler(DemoDepartments.UrbanManagement), contested.Id, new FindingBook.ContestRequest("演示: 已于当日处置，附处置记录"), ct);
        await findings.DecideAsync(assessor, contested.Id, new FindingBook.DecisionRequest("uphold", "演示: 处置晚于暗访时间，维持扣分"), ct);
    }

    private async Task<bool> HaveDepartmentsAsync(CancellationToken ct)
    {
        var ids = Letters.Keys.Select(k => k.ToString()).ToList();
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AssessmentDb>().Departments.CountAsync(d => ids.Contains(d.DepartmentId) && d.Known, ct) == ids.Count;
    }

    // Letters are signed as an assessor would: until identity's roles document has been read, that is refused.
    private async Task<bool> MayScoreAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RolePermissions>().PermitsAsync(["assessor"], AssessmentPermissions.Score, ct);
    }

    /// <summary>Asks once a second for at most 90 s (identity's events and roles document arrive over the first seconds).</summary>
    private static async Task<bool> WaitAsync(Func<CancellationToken, Task<bool>> ready, CancellationToken ct)
    {
        for (var i = 0; i < 90; i++)
        {
            if (await ready(ct)) return true;
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assessment DEMO seed: {Letters} member departments with a signed responsibility letter for {Year} and {Tasks} monthly tasks. Demo data only.")]
    private static partial void LogSeeded(ILogger logger, int letters, int year, int tasks);

    [LoggerMessage(Level = LogLevel.Error, Message = "Assessment demo seed skipped: identity's demo departments never arrived")]
    private static partial void LogNoDepartments(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assessment demo seed: identity's roles document could not be read within 90 s; no demo letters")]
    private static partial void LogNoRoles(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Assessment demo seed failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
