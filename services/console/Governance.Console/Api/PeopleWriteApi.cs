namespace Governance.Console.Api;

/// <summary>
/// Population's write endpoints for the people-and-houses pages (persons, moves, households, houses, rentals, care visits),
/// and the reads those forms need, with the user's token. Population checks every field, permission and org; a refusal
/// comes back as an <see cref="ApiProblem"/> naming the field (problem details' <c>errors</c>), which the form shows beside it.
/// </summary>
public static class PeopleWriteApi
{
    private static string E(string value) => Uri.EscapeDataString(value);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static Task<ApiResult<PersonRecord>> RegisterPersonAsync(this ServicesApi api, PersonForm form, string orgPath) =>
        api.PostAsync<PersonRecord>("/api/population/persons", new
        {
            name = form.Name.Trim(), documentType = form.DocumentType, documentNumber = form.DocumentNumber.Trim(), phone = Blank(form.Phone),
            residence = form.Residence(), orgPath,
        });

    /// <summary>
    /// The person's changeable fields, on the version read (a stale one is population's 409). The phone shows masked, so an
    /// empty box is no change (population's <c>""</c> would remove it); the residence is replaced whole, so it is sent only
    /// when its status changed or a permit number was typed (the stored one shows masked).
    /// </summary>
    public static Task<ApiResult<PersonRecord>> EditPersonAsync(this ServicesApi api, PersonRecord person, PersonForm form) =>
        api.PatchAsync<PersonRecord>($"/api/population/persons/{person.Id}", new
        {
            version = person.Version, name = form.Name.Trim(), phone = Blank(form.Phone),
            residence = form.Status == person.Residence.Status && Blank(form.PermitNumber) is null ? null : form.Residence(),
        });

    public static Task<ApiResult<PersonRecord>> PersonAsync(this ServicesApi api, Guid id, Purpose purpose) =>
        api.GetAsync<PersonRecord>($"/api/population/persons/{id}?purpose={E(purpose.Code)}"
            + (string.IsNullOrWhiteSpace(purpose.Note) ? "" : "&purposeNote=" + E(purpose.Note.Trim())));

    public static Task<ApiResult<StayRecord>> MoveInAsync(this ServicesApi api, Guid person, Guid house) =>
        api.PostAsync<StayRecord>($"/api/population/persons/{person}/move-in", new { houseId = house });

    public static Task<ApiResult<HouseholdCard>> RegisterHouseholdAsync(this ServicesApi api, string number, string kind, Guid house, Guid head) =>
        api.PostAsync<HouseholdCard>("/api/population/households", new { number = number.Trim(), kind, houseId = house, headId = head });

    public static Task<ApiResult<HouseholdMember>> AddMemberAsync(this ServicesApi api, Guid household, Guid person, string relation) =>
        api.PostAsync<HouseholdMember>($"/api/population/households/{household}/members", new { personId = person, relation });

    public static Task<ApiResult<HouseCard>> RegisterHouseAsync(this ServicesApi api, HouseForm form, Guid parent) =>
        api.PostAsync<HouseCard>("/api/population/houses", new
        {
            kind = form.Kind, code = form.Code.Trim(), name = form.Name.Trim(), parentId = parent, address = Blank(form.Address),
            use = Blank(form.Use), occupancy = form.Kind == "room" ? Blank(form.Occupancy) : null,
        });

    public static Task<ApiResult<RentalBrief>> RegisterRentalAsync(this ServicesApi api, Guid house, Guid landlord, int permitted, DateOnly signedOn, DateOnly? validUntil) =>
        api.PostAsync<RentalBrief>("/api/population/rentals",
            new { houseId = house, landlordId = landlord, permittedOccupants = permitted, agreement = new { signedOn, validUntil } });

    public static Task<ApiResult<RentalCard>> RentalAsync(this ServicesApi api, Guid id, Purpose purpose) =>
        api.GetAsync<RentalCard>($"/api/population/rentals/{id}?purpose={E(purpose.Code)}");

    public static Task<ApiResult<RentalAgreement>> RenewAgreementAsync(this ServicesApi api, Guid rental, DateOnly signedOn, DateOnly? validUntil) =>
        api.PutAsync<RentalAgreement>($"/api/population/rentals/{rental}/agreement", new { signedOn, validUntil });

    public static Task<ApiResult<RentalInspected>> InspectAsync(this ServicesApi api, Guid rental, DateOnly? inspectedOn, IEnumerable<(string Code, string? Note)> findings) =>
        api.PostAsync<RentalInspected>($"/api/population/rentals/{rental}/inspections",
            new { inspectedOn, findings = findings.Select(f => new { code = f.Code, note = Blank(f.Note) }).ToList() });

    /// <summary>A visit on the worker's own case; <paramref name="requestId"/> names it, so a second click answers the same visit.</summary>
    public static Task<ApiResult<RecordedVisit>> RecordVisitAsync(this ServicesApi api, Guid careCase, string requestId, DateOnly visitedOn, string kind,
        string findings, string? nextStep) =>
        api.PostAsync<RecordedVisit>($"/api/population/care/cases/{careCase}/visits",
            new { requestId, visitedOn, kind, findings = findings.Trim(), nextStep = Blank(nextStep) });

    public static Task<ApiResult<List<CareCaseRead>>> CareReadsAsync(this ServicesApi api, Guid? careCase, string? reader, long? before) =>
        api.GetAsync<List<CareCaseRead>>("/api/population/care/reads?limit=100"
            + (careCase is { } c ? $"&case={c}" : "") + (string.IsNullOrWhiteSpace(reader) ? "" : "&reader=" + E(reader.Trim()))
            + (before is { } b ? $"&before={b}" : ""));

    /// <summary>Readers' names from identity, one call for a page of log rows (ids it does not answer stay ids).</summary>
    public static Task<ApiResult<List<ReaderUser>>> UserNamesAsync(this ServicesApi api, IEnumerable<Guid> ids) =>
        api.PostAsync<List<ReaderUser>>("/api/identity/users/names", new { ids = ids.Distinct().Take(200).ToList() });
}

/// <summary>What a person form holds while it is filled in; population checks it all.</summary>
public sealed class PersonForm
{
    public string Name { get; set; } = "";
    public string DocumentType { get; set; } = "resident_id";
    public string DocumentNumber { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Status { get; set; } = "registered";
    public string PermitNumber { get; set; } = "";
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidUntil { get; set; }

    public object Residence() => Status == "floating"
        ? new { status = Status, permitNumber = (string?)PermitNumber.Trim(), validFrom = ValidFrom, validUntil = ValidUntil }
        : new { status = Status, permitNumber = (string?)null, validFrom = (DateOnly?)null, validUntil = (DateOnly?)null };
}

/// <summary>What a house form holds: a level registered under the house open on the page.</summary>
public sealed class HouseForm
{
    public string Kind { get; set; } = "room";
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Address { get; set; } = "";
    public string Use { get; set; } = "residential";
    public string Occupancy { get; set; } = "vacant";
}

/// <summary>
/// Readers' names for the access logs, which hold user ids (token subjects): a page's unknown ids asked of identity in one
/// call with the auditor's token, kept for the page's life. An id identity does not answer (out of the auditor's reach, a
/// client's subject, identity refusing) stays shown as the id.
/// </summary>
public sealed class ReaderNames(ServicesApi api)
{
    private readonly Dictionary<string, string> _names = [];
    private readonly HashSet<string> _asked = [];

    public string Of(string reader) => _names.GetValueOrDefault(reader) ?? reader;

    public bool Knows(string reader) => _names.ContainsKey(reader);

    public async Task ResolveAsync(IEnumerable<string> readers)
    {
        var ids = readers.Where(_asked.Add).Select(r => Guid.TryParse(r, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        if (ids.Count == 0) return;
        var answered = await api.UserNamesAsync(ids);
        foreach (var user in answered.Value ?? [])
            _names[user.Id.ToString()] = $"{user.DisplayName}（{user.UserName}）";
    }
}
