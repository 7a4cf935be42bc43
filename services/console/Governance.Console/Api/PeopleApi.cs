using System.Net.Http.Headers;

namespace Governance.Console.Api;

/// <summary>
/// Population's REST calls for the people-and-houses pages. Document numbers travel in request bodies only (the look-up is
/// a POST), never in a URL; every read of a person states its purpose, which population records in its access log.
/// </summary>
public static class PeopleApi
{
    private static string E(string value) => Uri.EscapeDataString(value);

    private static string Query(Purpose purpose) =>
        $"purpose={E(purpose.Code)}{(string.IsNullOrWhiteSpace(purpose.Note) ? "" : "&purposeNote=" + E(purpose.Note.Trim()))}";

    private static object Body(Purpose purpose) => new { purpose = purpose.Code, purposeNote = string.IsNullOrWhiteSpace(purpose.Note) ? null : purpose.Note.Trim() };

    public static Task<ApiResult<List<PersonCard>>> LookUpAsync(this ServicesApi api, string documentNumber, Purpose purpose) =>
        api.PostAsync<List<PersonCard>>("/api/population/persons/lookup",
            new { documentNumber = documentNumber.Trim(), purpose = purpose.Code, purposeNote = string.IsNullOrWhiteSpace(purpose.Note) ? null : purpose.Note.Trim() });

    public static Task<ApiResult<RevealedPerson>> RevealAsync(this ServicesApi api, Guid person, Purpose purpose) =>
        api.PostAsync<RevealedPerson>($"/api/population/persons/{person}/reveal", Body(purpose));

    public static Task<ApiResult<HouseCard>> HouseAsync(this ServicesApi api, Guid id) => api.GetAsync<HouseCard>($"/api/population/houses/{id}");

    public static Task<ApiResult<List<HouseCard>>> TopHousesAsync(this ServicesApi api) => api.GetAsync<List<HouseCard>>("/api/population/houses?limit=200");

    public static Task<ApiResult<List<HouseCard>>> ChildrenAsync(this ServicesApi api, Guid id) =>
        api.GetAsync<List<HouseCard>>($"/api/population/houses/{id}/children?limit=200");

    public static Task<ApiResult<List<HouseholdBrief>>> HouseholdsOfHouseAsync(this ServicesApi api, Guid house) =>
        api.GetAsync<List<HouseholdBrief>>($"/api/population/houses/{house}/households");

    public static Task<ApiResult<HouseholdCard>> HouseholdAsync(this ServicesApi api, Guid id, Purpose purpose) =>
        api.GetAsync<HouseholdCard>($"/api/population/households/{id}?{Query(purpose)}");

    public static Task<ApiResult<HouseResidents>> ResidentsAsync(this ServicesApi api, Guid house, Purpose purpose) =>
        api.GetAsync<HouseResidents>($"/api/population/houses/{house}/residents?limit=100&{Query(purpose)}");

    public static Task<ApiResult<List<RentalBrief>>> RentalsAsync(this ServicesApi api, string? grade) =>
        api.GetAsync<List<RentalBrief>>($"/api/population/rentals?limit=200{(string.IsNullOrEmpty(grade) ? "" : "&grade=" + E(grade))}");

    public static Task<ApiResult<List<CareCaseBrief>>> CareCasesAsync(this ServicesApi api, bool closed, Purpose purpose) =>
        api.GetAsync<List<CareCaseBrief>>($"/api/population/care/cases?closed={(closed ? "true" : "false")}&{Query(purpose)}");

    public static Task<ApiResult<CareCaseCard>> CareCaseAsync(this ServicesApi api, Guid id, Purpose purpose) =>
        api.GetAsync<CareCaseCard>($"/api/population/care/cases/{id}?{Query(purpose)}");

    public static Task<ApiResult<List<PersonRead>>> AccessLogAsync(this ServicesApi api, Guid? person, string? reader, long? before) =>
        api.GetAsync<List<PersonRead>>("/api/population/access-log?limit=100"
            + (person is { } p ? $"&person={p}" : "") + (string.IsNullOrWhiteSpace(reader) ? "" : "&reader=" + E(reader.Trim()))
            + (before is { } b ? $"&before={b}" : ""));

    /// <summary>Uploads a file as population's import (multipart: the file, its kind and the org it is for).</summary>
    public static Task<ApiResult<ImportJob>> UploadImportAsync(this ServicesApi api, string kind, string org, string fileName, Stream file)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(kind), "kind" },
            { new StringContent(org), "org" },
        };
        var part = new StreamContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "file", fileName);
        return api.PostContentAsync<ImportJob>("/api/population/imports", content);
    }

    public static Task<ApiResult<ImportJob>> ImportAsync(this ServicesApi api, Guid id) => api.GetAsync<ImportJob>($"/api/population/imports/{id}");

    public static Task<ApiResult<ApiFile>> RejectedReportAsync(this ServicesApi api, Guid id, string format) =>
        api.GetFileAsync($"/api/population/imports/{id}/rejected?format={E(format)}");
}
