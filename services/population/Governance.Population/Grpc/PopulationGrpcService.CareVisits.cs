using Governance.Contracts.Population.V1;
using Governance.ServiceDefaults.Auth;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Population.Grpc;

public sealed partial class PopulationGrpcService
{
    public override async Task<CareVisitFigures> GetCareVisitFigures(GetCareVisitFiguresRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var rows = await http.RequestServices.GetRequiredService<Care.CareVisitFigures>().CountAsync(http.Caller(),
            request.OrgPath.Length == 0 ? null : request.OrgPath, request.Month, context.CancellationToken, orgField: "org_path");
        var reply = new CareVisitFigures { Month = Care.CareVisitFigures.ParseMonth(request.Month).ToString("yyyy-MM") };
        reply.Rows.AddRange(rows.Select(r =>
        {
            var row = new CareVisitFiguresRow { Community = r.Community, Shown = r.Shown };
            if (r.Due is { } due) (row.Due, row.OnTime, row.Late, row.Missed) = (due, r.OnTime!.Value, r.Late!.Value, r.Missed!.Value);
            return row;
        }));
        return reply;
    }
}
