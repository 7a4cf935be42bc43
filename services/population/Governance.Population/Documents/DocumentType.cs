namespace Governance.Population.Documents;

/// <summary>The identity documents residents carry. Wire names are snake_case (<see cref="DocumentTypes"/>).</summary>
public enum DocumentType
{
    /// <summary>居民身份证: a mainland citizen's GB 11643 number.</summary>
    ResidentId,
    /// <summary>港澳台居民居住证: a GB 11643 number under 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan).</summary>
    HkMacaoTaiwanResidencePermit,
    /// <summary>外国人永久居留身份证: 18 digits starting with 9 (2023) or 3 letters and 12 digits (earlier cards).</summary>
    ForeignPermanentResidentId,
    /// <summary>护照: a passport, checked for its form only.</summary>
    Passport,
}

public static class DocumentTypes
{
    private static readonly Dictionary<DocumentType, string> Names = new()
    {
        [DocumentType.ResidentId] = "resident_id",
        [DocumentType.HkMacaoTaiwanResidencePermit] = "hk_macao_taiwan_residence_permit",
        [DocumentType.ForeignPermanentResidentId] = "foreign_permanent_resident_id",
        [DocumentType.Passport] = "passport",
    };

    public static IReadOnlyCollection<string> All => Names.Values;

    public static string Of(DocumentType type) => Names[type];

    public static DocumentType? Parse(string? name)
    {
        foreach (var (type, wire) in Names)
            if (wire == name) return type;
        return null;
    }
}
