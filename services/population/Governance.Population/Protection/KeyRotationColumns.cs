using Governance.Population.Care;
using Governance.Population.Imports;
using Governance.Population.Persons;

namespace Governance.Population.Protection;

/// <summary>
/// Every column <see cref="PersonalDataCipher"/> writes, with what each value is bound to: a column that
/// gains encrypted values (a new <c>cipher.Protect*</c> call) must be listed here, or its values would
/// keep the old key and the key could never be removed.
/// </summary>
internal static class KeyRotationColumns
{
    /// <summary>
    /// One encrypted column. <paramref name="Owner"/> is the SQL of the id the value is bound to (the row's
    /// own id, or its case's); a <paramref name="Sequenced"/> table (import chunks) is keyed by
    /// (<c>JobId</c>, <c>Sequence</c>) instead of <c>Id</c>. <paramref name="MaxBatch"/> caps a batch where a
    /// value is large (a chunk is up to 1 MiB).
    /// </summary>
    public sealed record Column(string Name, string Table, string Value, string Owner, Func<Guid, int, string> Purpose,
        bool Sequenced = false, int MaxBatch = int.MaxValue);

    public static readonly IReadOnlyList<Column> All =
    [
        new("persons.documentNumber", "persons", "DocumentNumber", "\"Id\"", (id, _) => PersonalDataCipher.Purpose(id, PersonFields.DocumentNumber)),
        new("persons.phone", "persons", "Phone", "\"Id\"", (id, _) => PersonalDataCipher.Purpose(id, PersonFields.Phone)),
        new("persons.permitNumber", "persons", "PermitNumber", "\"Id\"", (id, _) => PersonalDataCipher.Purpose(id, PersonFields.PermitNumber)),
        new("care_cases.closingReason", "care_cases", "ClosingReason", "\"Id\"", (id, _) => PersonalDataCipher.CasePurpose(id, CareWork.ClosingReasonField)),
        // A visit's text is bound to its case, not to the visit (CareWork).
        new("care_visits.findings", "care_visits", "Findings", "\"CaseId\"", (caseId, _) => PersonalDataCipher.CasePurpose(caseId, CareVisit.FindingsField)),
        new("care_visits.nextStep", "care_visits", "NextStep", "\"CaseId\"", (caseId, _) => PersonalDataCipher.CasePurpose(caseId, CareVisit.NextStepField)),
        new("import_chunks.data", "import_chunks", "Data", "\"JobId\"", ImportChunk.Purpose, Sequenced: true, MaxBatch: 8),
    ];
}
