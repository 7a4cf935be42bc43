using System.Globalization;
using Governance.Contracts.Mediation.V1;
using Governance.Mediation.Levels;
using Governance.ServiceDefaults.Auth;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Mediation.Grpc;

public sealed partial class MediationGrpcService
{
    public override async Task<LevelRuleSet> ListLevelRules(ListLevelRulesRequest request, ServerCallContext context)
    {
        var services = context.GetHttpContext().RequestServices;
        var ct = context.CancellationToken;
        await services.GetRequiredService<LevelRulesChanges>().EnsureReadAsync(context.GetHttpContext().Caller(), ct);
        var at = request.At?.ToDateTime() ?? services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var inEffect = await services.GetRequiredService<LevelRuleBook>().InEffectAsync(at, ct);
        var reply = new LevelRuleSet
        {
            Version = inEffect.Version, EffectiveFrom = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTime(inEffect.EffectiveFrom),
            ScalePeopleInvolved = inEffect.Document.ScaleThreshold.PeopleInvolved,
            ScaleAmount = inEffect.Document.ScaleThreshold.Amount.ToString(CultureInfo.InvariantCulture),
        };
        reply.LevelRules.AddRange(inEffect.Document.Rules.Select(r => new Contracts.Mediation.V1.LevelRule
        {
            Priority = r.Priority, Category = r.Category ?? "", Risk = r.Risk, Level = r.Level,
        }));
        reply.LevelDeadlines.AddRange(inEffect.Document.LevelDeadlines.Select(d => new Contracts.Mediation.V1.LevelDeadline { Level = d.Level, Days = d.Days }));
        return reply;
    }
}
