namespace Governance.Population.Documents;

/// <summary>Sex as a GB 11643 number states it (the 17th digit: odd male, even female); unknown where the document does not say.</summary>
public enum Sex
{
    Unknown,
    Male,
    Female,
}
