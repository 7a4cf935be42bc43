using Governance.Assessment.Access;
using Governance.Assessment.CareVisits;
using Governance.Assessment.Data;
using Governance.Assessment.Departments;
using Governance.Assessment.Events;
using Governance.Assessment.Grpc;
using Governance.Assessment.Indicators;
using Governance.Assessment.Inspections;
using Governance.Assessment.Letters;
using Governance.Assessment.Manual;
using Governance.Assessment.Publishing;
using Governance.Assessment.Replay;
using Governance.Assessment.Reviews;
using Governance.Assessment.Scores;
using Governance.Assessment.Tasks;
using Governance.Messaging.Bus;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Governance.Assessment;

/// <summary>The assessment service, as its own host and the standalone host compose it.</summary>
public static class AssessmentExtensions
{
    public static IHostApplicationBuilder AddAssessmentService(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.AddServiceDatabase<AssessmentDb>("assessment");
        builder.Services.AddScoped<DepartmentAccess>().AddScoped<IndicatorBook>().AddScoped<IndicatorLibraryChanges>().AddScoped<IndicatorValues>()
            .AddScoped<LetterBook>().AddScoped<Scorecards>().AddScoped<Scores.Trends>().AddScoped<Replayer>();
        builder.Services.AddScoped<ReviewAccess>().AddScoped<ManualValueBook>().AddScoped<TaskBook>().AddScoped<FindingBook>();
        builder.Services.AddAssessmentPublishing();
        builder.AddConsumers(bus =>
        {
            bus.AddConsumer<AssessmentDepartmentCreatedConsumer>();
            bus.AddConsumer<AssessmentDepartmentChangedConsumer>();
            bus.AddConsumer<AssessmentDepartmentRestatedConsumer>();
            bus.AddConsumer<AssessmentDepartmentRetiredConsumer>();
            bus.AddConsumer<AssessIncidentDispatchedConsumer>();
            bus.AddConsumer<AssessIncidentReturnedConsumer>();
            bus.AddConsumer<AssessIncidentClosedConsumer>();
            bus.AddConsumer<AssessIncidentEvaluatedConsumer>();
            bus.AddConsumer<AssessIncidentOverdueConsumer>();
            bus.AddConsumer<AssessDisputeRegisteredConsumer>();
            bus.AddConsumer<AssessDisputeEscalatedConsumer>();
            bus.AddConsumer<AssessDisputeReferralAcknowledgedConsumer>();
            bus.AddConsumer<AssessDisputeSettledConsumer>();
            bus.AddConsumer<AssessDisputeMediationFailedConsumer>();
            bus.AddConsumer<AssessDisputeDeclinedConsumer>();
            bus.AddConsumer<AssessDisputeWithdrawnConsumer>();
            bus.AddConsumer<AssessAlertRaisedConsumer>();
            bus.AddConsumer<AssessAlertRoutedConsumer>();
            bus.AddConsumer<AssessAlertAcknowledgedConsumer>();
            bus.AddConsumer<AssessCameraWentOfflineConsumer>();
            bus.AddConsumer<AssessCameraCameOnlineConsumer>();
            bus.AddConsumer<AssessRentalInspectedConsumer>();
            bus.AddConsumer<AssessIncidentReportedConsumer>();
            bus.AddConsumer<AssessIncidentRegisteredConsumer>();
            bus.AddConsumer<AssessIncidentTransitionedConsumer>();
            bus.AddConsumer<AssessGridStaffingChangedConsumer>();
            bus.AddConsumer<AssessCameraRegisteredConsumer>();
            bus.AddConsumer<AssessCameraRetiredConsumer>();
            bus.AddConsumer<Org.AssessOrgNodeChangedConsumer>();
        });
        builder.AddCareVisitFigures();
        builder.AddAssessmentGrpc();
        builder.AddServiceOpenApi("assessment", "Governance assessment");
        return builder;
    }

    public static WebApplication MapAssessmentService(this WebApplication app)
    {
        // REST endpoints on this group make assessment's OpenAPI document (/openapi/assessment.json).
        app.MapServiceApi("assessment").MapAssessmentApi();
        app.MapAssessmentGrpcService();
        return app;
    }
}
