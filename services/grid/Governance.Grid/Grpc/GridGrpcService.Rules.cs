using Governance.Contracts.Grid.V1;
using Governance.Grid.Rules;
using Governance.ServiceDefaults.Auth;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grid.Grpc;

public sealed partial class GridGrpcService
{
    public override async Task<RuleSet> ListRules(ListRulesRequest request, ServerCallContext context)
    {
        var http = context.GetHttpContext();
        var ct = context.CancellationToken;
        await http.RequestServices.GetRequiredService<RulesAccess>().EnsureReadAsync(http.Caller(), ct);
        var at = request.At?.ToDateTime() ?? http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var inEffect = await http.RequestServices.GetRequiredService<RuleBook>().InEffectAsync(at, ct);
        var reply = new RuleSet { Version = inEffect.Version, EffectiveFrom = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(inEffect.EffectiveFrom) };
        reply.Categories.AddRange(inEffect.Document.Categories.Select(c =>
        {
            var category = new Contracts.Grid.V1.CategoryRules
            {
                Code = c.Code, Name = c.Name, OwningDepartmentKind = c.OwningDepartmentKind, IsDispute = c.IsDispute,
                OfferedToCitizens = c.OfferedToCitizens, CountsWorkingTime = c.CountsWorkingTime,
            };
            category.Deadlines.AddRange(c.Deadlines.Select(d => new Contracts.Grid.V1.StepDeadline { Urgency = d.Urgency, Step = d.Step, Minutes = d.Minutes }));
            return category;
        }));
        reply.EscalationRules.AddRange(inEffect.Document.EscalationRules.Select(r => new Contracts.Grid.V1.EscalationRule
        {
            OrgLevel = r.OrgLevel, Category = r.Category ?? "", Urgency = r.Urgency ?? "", Step = r.Step,
        }));
        return reply;
    }
}
