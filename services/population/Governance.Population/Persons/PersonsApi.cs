using Governance.Population.Access;
using Governance.Population.Documents;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.OpenApi;
using Governance.ServiceDefaults.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Governance.Population.Persons;

/// <summary>
/// The console's REST API for persons, under <c>/api/population/persons</c>. Document numbers travel in
/// request bodies only, never in a URL (URLs end up in logs and proxies): the look-up is a POST.
/// </summary>
public static class PersonsApi
{
    public sealed record LookupRequest(string? DocumentType, string? DocumentNumber, string? Purpose, string? PurposeNote);
    public sealed record RevealRequest(string? Purpose, string? PurposeNote, List<string>? Fields);

    public static IEndpointRouteBuilder MapPersonsApi(this IEndpointRouteBuilder app)
    {
        var persons = app.MapGroup("/api/population/persons");
        persons.MapPost("", Register).ProducesRefusals(400, 403, 409);
        persons.MapGet("", List).ProducesRefusals(400, 403);
        persons.MapGet("/{id:guid}", Get).ProducesRefusals(400, 404);
        persons.MapPost("/lookup", Lookup).ProducesRefusals(400, 403, 404);
        persons.MapPost("/{id:guid}/reveal", Reveal).ProducesRefusals(400, 403, 404);
        return app;
    }

    private static async Task<Created<PersonView>> Register(HttpContext http, PersonRegistration registration, PersonalDataCipher cipher, TimeProvider clock,
        PersonRequest request, CancellationToken ct)
    {
        var person = await registration.RegisterAsync(http.Caller(), request, ct);
        return TypedResults.Created($"/api/population/persons/{person.Id}", PersonView.Masked(person, cipher, PersonNames.Today(clock)));
    }

    /// <summary>One person, masked; the read is logged with the purpose, when one is stated.</summary>
    private static async Task<Ok<PersonView>> Get(HttpContext http, PersonAccess access, Guid id, string? purpose, string? purposeNote, CancellationToken ct) =>
        TypedResults.Ok(await access.GetAsync(Reading(http, purpose, purposeNote, required: false), id, ct));

    /// <summary>Persons in the caller's reach (within <c>org</c> when given), by name, masked; each listed person's read is logged.</summary>
    private static async Task<Ok<IReadOnlyList<PersonView>>> List(HttpContext http, PersonAccess access, string? org, int? limit, int? offset,
        string? purpose, string? purposeNote, CancellationToken ct) =>
        TypedResults.Ok(await access.ListAsync(Reading(http, purpose, purposeNote, required: false), org, limit ?? 50, offset ?? 0, ct));

    /// <summary>Finds persons by a document number, masked; needs population.identifier.lookup and a purpose.</summary>
    private static async Task<Ok<IReadOnlyList<PersonView>>> Lookup(HttpContext http, PersonAccess access, LookupRequest request, CancellationToken ct)
    {
        var type = request.DocumentType is null ? (DocumentType?)null : DocumentTypes.Parse(request.DocumentType)
            ?? throw DomainException.Invalid("documentType", $"The document type '{request.DocumentType}' is not one of {string.Join(", ", DocumentTypes.All)}.");
        var found = await access.LookupAsync(Reading(http, request.Purpose, request.PurposeNote, required: true), type, request.DocumentNumber, reveal: false, ct);
        return found.Count > 0 ? TypedResults.Ok<IReadOnlyList<PersonView>>(found.Select(f => f.View).ToList())
            : throw DomainException.NotFound("No person with this document within your reach.");
    }

    /// <summary>The numbers unmasked (population.reveal, a purpose), only the fields asked for; logged.</summary>
    private static async Task<Ok<RevealedView>> Reveal(HttpContext http, PersonAccess access, Guid id, RevealRequest request, CancellationToken ct) =>
        TypedResults.Ok(await access.RevealAsync(Reading(http, request.Purpose, request.PurposeNote, required: true), id, request.Fields, ct));

    private static PersonAccess.Reading Reading(HttpContext http, string? purpose, string? note, bool required) =>
        new(http.Caller(), "rest", AccessPurposes.Check(purpose, note, required));
}
