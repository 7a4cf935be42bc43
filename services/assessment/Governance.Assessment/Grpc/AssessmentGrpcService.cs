using System.Globalization;
using Governance.Assessment.Scores;
using Governance.Contracts.Assessment.V1;
using Governance.ServiceDefaults.Auth;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.Assessment.Grpc;

/// <summary>
/// <c>governance.assessment.v1.AssessmentService</c>: the same scorecards and rankings as REST (<see cref="Scorecards"/>),
/// with the same access rules; refusals are DomainExceptions, which the platform's interceptor maps to statuses.
/// </summary>
public sealed class AssessmentGrpcService(Scorecards scores) : AssessmentService.AssessmentServiceBase
{
    public override async Task<Scorecard> GetScorecard(GetScorecardRequest request, ServerCallContext context)
    {
        var card = await scores.ForDepartmentAsync(context.GetHttpContext().Caller(), request.Department, request.Period, context.CancellationToken);
        var reply = new Scorecard
        {
            DepartmentId = card.DepartmentId, DepartmentName = card.DepartmentName, OrgPath = card.OrgPath, Period = card.Period,
            LetterId = card.Letter.Id.ToString(), LetterVersion = card.Letter.Version, SignedAt = Timestamp.FromDateTime(card.Letter.SignedAt),
            SignedBy = card.Letter.SignedBy, Total = Text(card.Total), MaxPoints = Text(card.MaxPoints),
        };
        foreach (var i in card.Items)
        {
            var item = new ScoreItem
            {
                Indicator = i.Indicator, Name = i.Name, Measure = i.Measure, Rule = i.Rule, Weight = Text(i.Weight), Numerator = i.Numerator,
                Points = Text(i.Points), NoRecords = i.NoRecords, Records = i.Records,
            };
            if (i.Floor is { } floor) item.Floor = Text(floor);
            if (i.Target is { } target) item.Target = Text(target);
            if (i.PerCase is { } perCase) item.PerCase = Text(perCase);
            if (i.Value is { } value) item.Value = Text(value);
            if (i.Denominator is { } denominator) item.Denominator = denominator;
            reply.Items.Add(item);
        }
        return reply;
    }

    public override async Task<Ranking> ListRankings(ListRankingsRequest request, ServerCallContext context)
    {
        var ranking = await scores.RankAsync(context.GetHttpContext().Caller(), request.Org, request.Period, context.CancellationToken);
        var reply = new Ranking { Org = ranking.Org, Period = ranking.Period };
        reply.Departments.AddRange(ranking.Departments.Select(d => new RankedDepartment
        {
            Rank = d.Rank, DepartmentId = d.DepartmentId, DepartmentName = d.DepartmentName, Total = Text(d.Total), MaxPoints = Text(d.MaxPoints),
            LetterVersion = d.LetterVersion,
        }));
        return reply;
    }

    // Trailing zeros dropped (56.080 → "56.08"): the decimal's value, not its scale.
    private static string Text(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}

public static class AssessmentGrpcExtensions
{
    public static IHostApplicationBuilder AddAssessmentGrpc(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AssessmentGrpcService>();
        return builder;
    }

    /// <summary>Maps <c>governance.assessment.v1.AssessmentService</c>; every rpc needs a bearer token (the fallback policy).</summary>
    public static IEndpointRouteBuilder MapAssessmentGrpcService(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<AssessmentGrpcService>();
        return app;
    }
}
