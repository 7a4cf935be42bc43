namespace Governance.Population.Floating;

/// <summary>Why a new citizen came (居住登记's reason), as wire names.</summary>
public static class FloatingNames
{
    public static readonly string[] Reasons = ["work", "study", "business", "family", "other"];
}
