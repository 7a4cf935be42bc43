namespace Governance.Grid.Incidents.Categories;

/// <summary>
/// The categories a deployment starts with (seeded; admins change them as data). Deadlines follow
/// the field practice in DOMAIN.md: register and dispatch within 30 min (10 when urgent), the
/// department opens the case within 1 h, verification within 2 h; handling time by category.
/// </summary>
public static class CategoryCatalog
{
    public static readonly string[] Steps = ["register", "dispatch", "accept", "handle", "verify"];

    public sealed record Definition(string Code, string Name, string OwningDepartmentKind, bool IsDispute, int HandleHours);

    public static readonly IReadOnlyList<Definition> Defaults =
    [
        new("city_appearance", "市容环境", "UrbanManagement", false, 48),
        new("public_facilities", "公共设施", "UrbanManagement", false, 72),
        new("street_order", "街面秩序", "UrbanManagement", false, 24),
        new("safety_hazard", "安全隐患", "Emergency", false, 24),
        new("environment", "生态环境", "Environment", false, 48),
        new("dispute", "矛盾纠纷", "Justice", true, 72),
        new("service_request", "便民服务", "CivilAffairs", false, 120),
        new("market", "市场监管", "MarketRegulation", false, 72),
        new("other", "其他", "GovernanceOffice", false, 72),
    ];

    /// <summary>Minutes for <paramref name="step"/> at <paramref name="urgency"/>: urgent is a quarter of normal, critical a twelfth.</summary>
    public static int DefaultMinutes(Definition category, Urgency urgency, string step)
    {
        var normal = step switch
        {
            "register" => 30,
            "dispatch" => 30,
            "accept" => 60,
            "handle" => category.HandleHours * 60,
            "verify" => 120,
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "not a step"),
        };
        return urgency switch
        {
            Urgency.Urgent => Math.Max(5, normal / 4),
            Urgency.Critical => Math.Max(5, normal / 12),
            _ => normal,
        };
    }
}
