namespace Governance.Population.Persons;

/// <summary>The names of a person's fields as responses, reveal requests and the access log write them.</summary>
public static class PersonFields
{
    public const string DocumentNumber = "documentNumber";
    public const string Phone = "phone";
    public const string PermitNumber = "permitNumber";
    public const string BirthDate = "birthDate";

    /// <summary>What a reveal may show; all of them when it names none.</summary>
    public static readonly IReadOnlyList<string> Revealable = [DocumentNumber, Phone, PermitNumber, BirthDate];

    /// <summary>What every masked read shows, as the access log records it.</summary>
    public const string Masked = "name,documentType,documentNumber:masked,phone:masked,sex,age,residence,permitNumber:masked,orgPath";
}
