namespace Governance.Population.Care;

/// <summary>
/// The kinds of care and supervision case a community holds by legal duty or by its own care work, and
/// the kinds of visit. Codes on the wire and in the database; nothing else about a person is inferred from them.
/// </summary>
public static class CareCategories
{
    /// <summary>社区矫正 (Community Correction Law).</summary>
    public const string CommunityCorrection = "community_correction";
    /// <summary>安置帮教: resettlement and help after release.</summary>
    public const string Resettlement = "resettlement";
    /// <summary>社区戒毒 / 社区康复 (Anti-Drug Law).</summary>
    public const string DrugRehabilitation = "drug_rehabilitation";
    /// <summary>严重精神障碍患者关爱 (Mental Health Law).</summary>
    public const string SevereMentalIllness = "severe_mental_illness";
    /// <summary>独居老人.</summary>
    public const string ElderlyAlone = "elderly_alone";
    /// <summary>留守儿童.</summary>
    public const string LeftBehindChild = "left_behind_child";

    public static readonly IReadOnlyList<string> All =
        [CommunityCorrection, Resettlement, DrugRehabilitation, SevereMentalIllness, ElderlyAlone, LeftBehindChild];

    public static readonly IReadOnlyList<string> VisitKinds = ["home", "phone", "office"];
}
