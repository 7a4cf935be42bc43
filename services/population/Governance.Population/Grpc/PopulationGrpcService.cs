using Governance.Contracts.Population.V1;
using Governance.Population.Access;
using Governance.Population.Documents;
using Governance.Population.Floating;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Person = Governance.Contracts.Population.V1.Person;

namespace Governance.Population.Grpc;

/// <summary>
/// <c>governance.population.v1.PopulationService</c> for departments: the same reads as REST
/// (<see cref="PersonAccess"/>, access log included); refusals are <see cref="DomainException"/>s, which
/// the platform's DomainStatusInterceptor maps to statuses naming the field.
/// </summary>
public sealed partial class PopulationGrpcService(PersonAccess access, Floating.FloatingFigures figures, IServiceScopeFactory scopes)
    : PopulationService.PopulationServiceBase
{
    public override Task WatchImport(WatchImportRequest request, IServerStreamWriter<ImportProgress> responseStream, ServerCallContext context) =>
        ImportWatch.WatchAsync(scopes, request, responseStream, context);

    public override async Task<Contracts.Population.V1.FloatingFigures> GetFloatingFigures(GetFloatingFiguresRequest request, ServerCallContext context)
    {
        if (request.OrgPath.Length > 0 == request.GridCode.Length > 0) throw DomainException.Invalid("org_path", "Give an org path or a grid code (one of the two).");
        var org = request.OrgPath.Length > 0 ? request.OrgPath
            : Floating.FloatingFigures.OrgOfGridCode(request.GridCode) ?? throw DomainException.Invalid("grid_code", "A grid code has 15 digits.");
        var view = await figures.ForAsync(context.GetHttpContext().Caller(), org, FloatingApi.Day(request.From, "from"), FloatingApi.Day(request.To, "to"),
            context.CancellationToken, request.OrgPath.Length > 0 ? "org_path" : "grid_code");
        var reply = new Contracts.Population.V1.FloatingFigures
        {
            OrgPath = view.OrgPath, From = view.From.ToString("yyyy-MM-dd"), To = view.To.ToString("yyyy-MM-dd"),
            ExpiringWithinDays = view.ExpiringWithinDays, Total = Row(view.Total),
        };
        reply.Rows.AddRange(view.Rows.Select(Row));
        return reply;
    }

    private static FloatingFiguresRow Row(FiguresRow r) => new()
    {
        OrgPath = r.OrgPath, Current = r.Current, Arrived = r.Arrived, Departed = r.Departed, ExpiringSoon = r.ExpiringSoon, Expired = r.Expired,
    };

    public override async Task<LookUpPersonResponse> LookUpPerson(LookUpPersonRequest request, ServerCallContext context)
    {
        var type = request.DocumentType.Length == 0 ? (DocumentType?)null : DocumentTypes.Parse(request.DocumentType)
            ?? throw DomainException.Invalid("document_type", $"The document type '{request.DocumentType}' is not one of {string.Join(", ", DocumentTypes.All)}.");
        var purpose = AccessPurposes.Check(request.Purpose, request.PurposeNote, required: true, "purpose", "purpose_note");
        var reading = new PersonAccess.Reading(context.GetHttpContext().Caller(), "grpc", purpose);
        var found = await access.LookupAsync(reading, type, request.DocumentNumber, request.Reveal, context.CancellationToken);
        if (found.Count == 0) throw DomainException.NotFound("No person with this document within your reach.");
        var reply = new LookUpPersonResponse();
        reply.Persons.AddRange(found.Select(f => ToProto(f.View, f.Revealed)));
        return reply;
    }

    private static Person ToProto(PersonView view, RevealedView? revealed)
    {
        var person = new Person
        {
            Id = view.Id.ToString(), Name = view.Name, DocumentType = view.DocumentType,
            DocumentNumber = revealed?.DocumentNumber ?? view.DocumentNumber,
            Phone = revealed is null ? view.Phone ?? "" : revealed.Phone ?? "",
            Sex = view.Sex, OrgPath = view.OrgPath,
            RegisteredAt = Timestamp.FromDateTime(DateTime.SpecifyKind(view.RegisteredAt, DateTimeKind.Utc)),
            Revealed = revealed is not null,
            BirthDate = revealed?.BirthDate?.ToString("yyyy-MM-dd") ?? "",
            Residence = new Residence
            {
                Status = view.Residence.Status,
                PermitNumber = revealed is null ? view.Residence.PermitNumber ?? "" : revealed.PermitNumber ?? "",
                ValidFrom = view.Residence.ValidFrom?.ToString("yyyy-MM-dd") ?? "",
                ValidUntil = view.Residence.ValidUntil?.ToString("yyyy-MM-dd") ?? "",
            },
        };
        if (view.Age is { } age) person.Age = age;
        return person;
    }
}
