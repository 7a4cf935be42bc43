using Governance.Contracts.Demo;
using Governance.Contracts.Identity;
using Governance.Identity.Audit;
using Governance.Identity.Departments;
using Governance.Identity.Org;
using Governance.Identity.Roles;
using Governance.Messaging.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Governance.Identity.Bootstrap;

/// <summary>
/// The standalone demo's synthetic county: three streets of four communities of 24 grids each, the
/// usual member departments, and one account per role. Every name says it is a demo (演示), so no
/// demo account can pass for a real one. Runs only while the root has no children.
/// </summary>
internal sealed partial class DemoSeed(BootstrapContext context, ILogger logger)
{
    private static readonly (Guid Id, string Code, string Name, DepartmentKind Kind)[] CountyDepartments =
    [
        (DemoDepartments.UrbanManagement, "urban-management", "演示-城市管理局", DepartmentKind.UrbanManagement),
        (DemoDepartments.PublicSecurity, "psb", "演示-公安局", DepartmentKind.PublicSecurity),
        (DemoDepartments.Justice, "justice", "演示-司法局", DepartmentKind.Justice),
        (DemoDepartments.CivilAffairs, "civil-affairs", "演示-民政局", DepartmentKind.CivilAffairs),
        (DemoDepartments.LettersAndVisits, "letters-visits", "演示-信访局", DepartmentKind.LettersAndVisits),
        (DemoDepartments.MarketRegulation, "market-regulation", "演示-市场监督管理局", DepartmentKind.MarketRegulation),
    ];

    /// <summary>Three streets of four communities, each of <see cref="GridsPerCommunity"/> grids (the grid service draws their polygons).</summary>
    public const int Streets = 3, CommunitiesPerStreet = 4, GridsPerCommunity = 24;

    private static readonly Dictionary<string, string> RoleNames = new()
    {
        [RoleCatalog.GridWorker] = "网格员", [RoleCatalog.GridLeader] = "网格长", [RoleCatalog.Mediator] = "调解员",
        [RoleCatalog.CentreOperator] = "综治中心坐席", [RoleCatalog.CentreLeader] = "综治中心负责人", [RoleCatalog.DepartmentHandler] = "部门处置人员", [RoleCatalog.CareWorker] = "关爱工作人员",
        [RoleCatalog.Investigator] = "核查人员", [RoleCatalog.Assessor] = "考核人员", [RoleCatalog.Admin] = "管理员", [RoleCatalog.Auditor] = "审计员",
    };

    public async Task RunAsync(string? configuredPassword, CancellationToken ct)
    {
        var db = context.Db;
        var root = await db.OrgNodes.FirstOrDefaultAsync(n => n.ParentId == null, ct);
        if (root is null || root.Level != OrgLevel.County)
        {
            LogSkipped(logger, "the demo seed needs a county at the root of the tree (Identity:Bootstrap:Root)");
            return;
        }
        if (await db.OrgNodes.AnyAsync(n => n.ParentId == root.Id, ct)) return;

        var streets = Enumerable.Range(1, Streets).Select(s => context.AddNode(root, $"{s:D3}", s == 1 ? "演示街道" : $"演示街道{s}", OrgLevel.Street)).ToList();
        var communities = streets.SelectMany(street => Enumerable.Range(1, CommunitiesPerStreet)
            .Select(c => context.AddNode(street, $"{c:D3}", $"演示社区{street.Code}-{c}", OrgLevel.Community))).ToList();
        var grids = communities.SelectMany(c => Enumerable.Range(1, GridsPerCommunity)
            .Select(g => context.AddNode(c, $"{g:D3}", $"演示第{g}网格", OrgLevel.Grid))).ToList();
        var street = streets[0];
        var departments = CountyDepartments.Select(d => AddDepartment(root, d.Code, d.Name, d.Kind, d.Id)).ToList();
        var office = AddDepartment(street, "office", "演示-街道综治中心", DepartmentKind.GovernanceOffice);

        var password = configuredPassword ?? IdentityBootstrap.NewPassword();
        var secondFactors = new List<(string UserName, string Uri)>();
        foreach (var (role, title) in RoleNames)
        {
            var (node, department) = role switch
            {
                RoleCatalog.GridWorker or RoleCatalog.GridLeader => (grids[0], (Guid?)null),
                RoleCatalog.Mediator or RoleCatalog.CareWorker => (communities[0], null),
                RoleCatalog.CentreOperator or RoleCatalog.CentreLeader => (street, office.Id),
                RoleCatalog.DepartmentHandler => (root, departments[0].Id),
                _ => (root, null),
            };
            var userName = "demo-" + role.Replace('_', '-');
            // Fixed ids where another service's demo names the account (DemoUsers).
            Guid? id = role switch { RoleCatalog.CareWorker => DemoUsers.CareWorker, RoleCatalog.GridWorker => DemoUsers.GridWorker, _ => null };
            if (context.AddUser(userName, "演示-" + title, node, department, [role], password, id: id).Totp is { } totp)
                secondFactors.Add((userName, totp.OtpAuthUri));
        }
        await db.SaveChangesAsync(ct);
        LogSeeded(logger, RoleNames.Count, string.Join(", ", RoleNames.Keys.Select(r => "demo-" + r.Replace('_', '-'))), password);
        foreach (var (userName, uri) in secondFactors) IdentityBootstrap.LogOneTimeTotp(logger, userName, uri);
    }

    private Department AddDepartment(OrgNode node, string code, string name, DepartmentKind kind, Guid? id = null)
    {
        var department = new Department { Id = id ?? Guid.CreateVersion7(), Code = code, Name = name, Kind = kind, OrgNodeId = node.Id, CreatedAt = node.CreatedAt };
        context.Db.Departments.Add(department);
        // Published like any department, so that the services that dispatch to departments know the demo's.
        context.Db.AddToOutbox(new DepartmentCreated(department.Id, code, name, kind.Name(), node.Id, node.Path, department.CreatedAt, department.Version), department.Id.ToString());
        return department;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bootstrap: demo seed skipped: {Reason}")]
    private static partial void LogSkipped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bootstrap: DEMO seed created a synthetic street, communities, grids, departments and {Count} DEMO accounts ({UserNames}), all with the password {Password} . Demo data only: never use this database in production.")]
    private static partial void LogSeeded(ILogger logger, int count, string userNames, string password);
}
