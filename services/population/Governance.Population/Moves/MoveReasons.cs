namespace Governance.Population.Moves;

/// <summary>Why a stay ended, as <see cref="Contracts.Population.PersonMovedOut"/> carries it.</summary>
public static class MoveReasons
{
    /// <summary>Moved to another house (recorded here or not).</summary>
    public const string Moved = "moved";
    /// <summary>A floating resident left the area.</summary>
    public const string Departed = "departed";
    public const string Deceased = "deceased";
    /// <summary>The stay was recorded by mistake.</summary>
    public const string Corrected = "corrected";

    public static readonly string[] All = [Moved, Departed, Deceased, Corrected];
}
