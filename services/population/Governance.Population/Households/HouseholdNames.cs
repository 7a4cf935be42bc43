namespace Governance.Population.Households;

/// <summary>The wire names of a household's kinds, its members' relations to the head, and why a member left.</summary>
public static class HouseholdNames
{
    public const string Head = "head";

    /// <summary>家庭户 and 集体户.</summary>
    public static readonly string[] Kinds = ["family", "collective"];

    /// <summary>
    /// Relation to the head, after the groups of GB/T 4761 (家庭关系代码): 户主, 配偶, 子女, 父母, (外)祖父母,
    /// (外)孙子女, 兄弟姐妹, 儿媳/女婿, 其他亲属, 非亲属. Groups rather than its finer codes: the services need no more.
    /// </summary>
    public static readonly string[] Relations =
        [Head, "spouse", "child", "parent", "grandparent", "grandchild", "sibling", "child_in_law", "other_relative", "non_relative"];

    public static readonly string[] LeaveReasons = ["left", "deceased", "corrected"];
}
