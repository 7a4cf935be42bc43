using System.Globalization;
using System.Text;
using Governance.Contracts.Population.V1;
using Governance.Population.Access;
using Governance.Population.Documents;
using Governance.Population.Households;
using Governance.Population.Persons;
using Governance.Population.Residents;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using ProtoHousehold = Governance.Contracts.Population.V1.Household;
using ProtoHouseholdMember = Governance.Contracts.Population.V1.HouseholdMember;
using ProtoResidentCounts = Governance.Contracts.Population.V1.ResidentCounts;

namespace Governance.Population.Grpc;

/// <summary>Households and residents for departments: the same reads, reach and access log as REST, with a purpose required.</summary>
public sealed partial class PopulationGrpcService
{
    private const int DefaultPageSize = 50;

    public override async Task<ProtoHousehold> GetHouseholdOfPerson(GetHouseholdOfPersonRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var reading = new PersonAccess.Reading(http.Caller(), "grpc", AccessPurposes.Check(request.Purpose, request.PurposeNote, required: true, "purpose", "purpose_note"));
        var households = http.RequestServices.GetRequiredService<HouseholdRegistry>();
        var ct = context.CancellationToken;
        HouseholdView? household = null;
        switch (request.PersonCase)
        {
            case GetHouseholdOfPersonRequest.PersonOneofCase.PersonId:
                if (!Guid.TryParse(request.PersonId, out var id)) throw DomainException.Invalid("person_id", "The person id is not a UUID.");
                await access.GetAsync(reading, id, ct); // within reach (404 otherwise), and logged as a read of the person
                household = await households.OfPersonAsync(reading, id, ct);
                break;
            case GetHouseholdOfPersonRequest.PersonOneofCase.DocumentNumber:
                var type = request.DocumentType.Length == 0 ? (DocumentType?)null : DocumentTypes.Parse(request.DocumentType)
                    ?? throw DomainException.Invalid("document_type", $"The document type '{request.DocumentType}' is not one of {string.Join(", ", DocumentTypes.All)}.");
                var found = await access.LookupAsync(reading, type, request.DocumentNumber, reveal: false, ct);
                if (found.Count == 0) throw DomainException.NotFound("No person with this document within your reach.");
                foreach (var (person, _, _) in found)
                    if ((household = await households.OfPersonAsync(reading, person.Id, ct)) is not null) break;
                break;
            default:
                throw DomainException.Invalid("person_id", "Give the person's id or document number.");
        }
        if (household is null) throw DomainException.NotFound("The person belongs to no household.");
        var reply = new ProtoHousehold
        {
            Id = household.Id.ToString(), Number = household.Number, Kind = household.Kind, HouseId = household.HouseId.ToString(), OrgPath = household.OrgPath,
        };
        reply.Members.AddRange(household.Members.Select(m =>
        {
            var member = new ProtoHouseholdMember
            {
                PersonId = m.PersonId.ToString(), Relation = m.Relation, JoinedOn = Day(m.JoinedOn), LeftOn = m.LeftOn is { } left ? Day(left) : "",
                LeftReason = m.LeftReason ?? "",
            };
            if (m.Person is not null) member.Person = ToProto(m.Person, null);
            return member;
        }));
        return reply;
    }

    public override async Task<ListResidentsResponse> ListResidents(ListResidentsRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var reading = new PersonAccess.Reading(http.Caller(), "grpc", AccessPurposes.Check(request.Purpose, request.PurposeNote, required: true, "purpose", "purpose_note"));
        if (request.PageSize is < 0 or > ResidentRegister.MaxPageSize)
            throw DomainException.Invalid("page_size", $"The page size must be 1 to {ResidentRegister.MaxPageSize} (0 means {DefaultPageSize}).");
        var size = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var offset = DecodeOffset(request.PageToken);
        var residents = http.RequestServices.GetRequiredService<ResidentRegister>();
        var found = request.PlaceCase switch
        {
            ListResidentsRequest.PlaceOneofCase.HouseId => Guid.TryParse(request.HouseId, out var house)
                ? await residents.OfHouseAsync(reading, house, size, offset, context.CancellationToken)
                : throw DomainException.Invalid("house_id", "The house id is not a UUID."),
            ListResidentsRequest.PlaceOneofCase.GridCode => await residents.OfGridAsync(reading, request.GridCode, size, offset, context.CancellationToken),
            _ => throw DomainException.Invalid("house_id", "Give a house id or a grid code."),
        };
        var reply = new ListResidentsResponse
        {
            Counts = new ProtoResidentCounts { Registered = found.Counts.Registered, Floating = found.Counts.Floating, Foreign = found.Counts.Foreign, Total = found.Counts.Total },
        };
        reply.Residents.AddRange(found.Residents.Select(r => new Resident { HouseId = r.HouseId.ToString(), Person = ToProto(r.Person, null) }));
        // A full page may be followed by another (at worst an empty one); the token is the offset, opaque to clients.
        if (found.Residents.Count == size) reply.NextPageToken = Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{offset + size}"));
        return reply;
    }

    private static int DecodeOffset(string token)
    {
        if (token.Length == 0) return 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            if (text.StartsWith("o:", StringComparison.Ordinal) && int.TryParse(text[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)) return offset;
        }
        catch (FormatException)
        {
        }
        throw DomainException.Invalid("page_token", "The page token is not one this service gave out.");
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
