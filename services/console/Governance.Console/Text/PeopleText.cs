namespace Governance.Console.Text;

/// <summary>Population's codes in words, Chinese first: purposes, residence, houses, households, rental grades, care, imports.</summary>
public static class PeopleText
{
    /// <summary>Population's purpose codes (its Access/AccessPurposes.cs), in the order offered.</summary>
    public static readonly string[] Purposes =
        ["service_delivery", "case_handling", "identity_verification", "data_correction", "emergency_assistance", "law_enforcement_request"];

    public static string Purpose(ConsoleLanguage l, string? code) => code switch
    {
        "service_delivery" => l.T("入户服务", "Service to the person or household"),
        "case_handling" => l.T("事项办理", "Handling a case the person is party to"),
        "identity_verification" => l.T("身份核验", "Identity verification"),
        "data_correction" => l.T("信息核对更正", "Checking and correcting the record"),
        "emergency_assistance" => l.T("紧急救助", "Emergency assistance"),
        "law_enforcement_request" => l.T("协查", "Written request of a public security or judicial organ"),
        null or "" => l.T("未说明", "None stated"),
        _ => code,
    };

    public static string Residence(ConsoleLanguage l, string status) => status switch
    {
        "registered" => l.T("户籍人口", "Registered resident"),
        "floating" => l.T("新市民（流动人口）", "New citizen (floating)"),
        "foreign" => l.T("境外人员", "Foreign resident"),
        _ => status,
    };

    public static string Sex(ConsoleLanguage l, string sex) => sex switch
    {
        "male" => l.T("男", "Male"),
        "female" => l.T("女", "Female"),
        _ => l.T("未知", "Unknown"),
    };

    public static string HouseKind(ConsoleLanguage l, string kind) => kind switch
    {
        "compound" => l.T("小区/院落", "Compound"),
        "building" => l.T("楼栋", "Building"),
        "unit" => l.T("单元", "Unit"),
        "room" => l.T("房间", "Room"),
        _ => kind,
    };

    public static string Use(ConsoleLanguage l, string? use) => use switch
    {
        "residential" => l.T("自住", "Residential"),
        "rental" => l.T("出租", "Rental"),
        "commercial" => l.T("商用", "Commercial"),
        "mixed" => l.T("混合", "Mixed"),
        _ => "",
    };

    public static string Occupancy(ConsoleLanguage l, string? occupancy) => occupancy switch
    {
        "occupied" => l.T("有人居住", "Occupied"),
        "vacant" => l.T("空置", "Vacant"),
        _ => "",
    };

    public static string HouseholdKind(ConsoleLanguage l, string kind) => kind switch
    {
        "family" => l.T("家庭户", "Family"),
        "collective" => l.T("集体户", "Collective"),
        _ => kind,
    };

    public static string Relation(ConsoleLanguage l, string relation) => relation switch
    {
        "head" => l.T("户主", "Head"),
        "spouse" => l.T("配偶", "Spouse"),
        "child" => l.T("子女", "Child"),
        "parent" => l.T("父母", "Parent"),
        "grandparent" => l.T("祖父母", "Grandparent"),
        "grandchild" => l.T("孙子女", "Grandchild"),
        "sibling" => l.T("兄弟姐妹", "Sibling"),
        "child_in_law" => l.T("儿媳/女婿", "Child-in-law"),
        "other_relative" => l.T("其他亲属", "Other relative"),
        "non_relative" => l.T("非亲属", "Not related"),
        _ => relation,
    };

    public static readonly string[] Grades = ["assured", "watched", "strict", "prohibited"];

    public static string Grade(ConsoleLanguage l, string? grade) => grade switch
    {
        "assured" => l.T("放心", "Assured"),
        "watched" => l.T("关注", "Watched"),
        "strict" => l.T("严管", "Strict"),
        "prohibited" => l.T("禁止", "Prohibited"),
        _ => l.T("未检查", "Not inspected"),
    };

    /// <summary>The grading rule that matched (population's default rules; a deployment's own codes show as they are).</summary>
    public static string Rule(ConsoleLanguage l, string rule) => rule switch
    {
        "fire_exits_and_gas" => l.T("消防通道堵塞且燃气隐患", "Fire exits blocked and gas unsafe"),
        "three_or_more_hazards" => l.T("三项及以上隐患", "Three or more hazards"),
        "fire_exits_blocked" => l.T("消防通道堵塞", "Fire exits blocked"),
        "gas_unsafe" => l.T("燃气隐患", "Gas unsafe"),
        "crowding_without_agreement" => l.T("超员且无有效治安责任书", "Crowded without a valid safety agreement"),
        "two_hazards" => l.T("两项隐患", "Two hazards"),
        "a_hazard" => l.T("一项隐患", "One hazard"),
        "no_valid_agreement" => l.T("无有效治安责任书", "No valid safety agreement"),
        "no_findings" => l.T("未发现隐患", "Nothing found"),
        _ => rule,
    };

    public static string CareCategory(ConsoleLanguage l, string category) => category switch
    {
        "community_correction" => l.T("社区矫正", "Community correction"),
        "resettlement" => l.T("安置帮教", "Resettlement"),
        "drug_rehabilitation" => l.T("社区戒毒/康复", "Community drug rehabilitation"),
        "severe_mental_illness" => l.T("严重精神障碍患者关爱", "Care for severe mental illness"),
        "elderly_alone" => l.T("独居老人", "Elderly living alone"),
        "left_behind_child" => l.T("留守儿童", "Left-behind child"),
        _ => category,
    };

    public static string VisitKind(ConsoleLanguage l, string kind) => kind switch
    {
        "home" => l.T("入户走访", "Home visit"),
        "phone" => l.T("电话联系", "Phone call"),
        "office" => l.T("来访面谈", "Office meeting"),
        _ => kind,
    };

    public static string Action(ConsoleLanguage l, string action) => action switch
    {
        "get" => l.T("查看", "Read"),
        "list" => l.T("列表", "List"),
        "lookup" => l.T("证件号码查询", "Look-up by document"),
        "lookup_miss" => l.T("查询未命中", "Look-up, nobody found"),
        "reveal" => l.T("查看明文", "Reveal"),
        "household" => l.T("户信息", "Household"),
        "residents" => l.T("住户列表", "Residents"),
        "stays" => l.T("居住记录", "Stays"),
        "export" => l.T("导出", "Export"),
        // The care-case read log's own actions.
        "due" => l.T("待走访列表", "Visits due"),
        "arrivals" => l.T("新市民到达", "Arrivals"),
        _ => action,
    };

    public static readonly string[] ImportKinds = ["persons", "houses", "households"];

    public static string ImportKind(ConsoleLanguage l, string kind) => kind switch
    {
        "persons" => l.T("人员", "Persons"),
        "houses" => l.T("房屋", "Houses"),
        "households" => l.T("户", "Households"),
        _ => kind,
    };

    public static string ImportStatus(ConsoleLanguage l, string status) => status switch
    {
        "queued" => l.T("排队中", "Queued"),
        "validating" => l.T("校验中", "Validating"),
        "importing" => l.T("导入中", "Importing"),
        "done" => l.T("已完成", "Done"),
        "rejected" => l.T("已拒绝（有不合格行）", "Rejected (rows failed)"),
        "failed" => l.T("失败", "Failed"),
        _ => status,
    };

    /// <summary>A day as the centres write it (yyyy-MM-dd), whatever the server's culture; a dash for none.</summary>
    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—";
}
