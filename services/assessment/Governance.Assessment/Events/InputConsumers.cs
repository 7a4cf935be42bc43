using Governance.Assessment.Data;
using Governance.Assessment.Inputs;
using Governance.Contracts.Grid;
using Governance.Contracts.VideoAlert;

namespace Governance.Assessment.Events;

// The inputs of grid workers' valid reports per day and of the camera online and networking rates (Inputs/).
public sealed class AssessIncidentReportedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<IncidentReported>(db, clock);
public sealed class AssessIncidentRegisteredConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<IncidentRegistered>(db, clock);
public sealed class AssessGridStaffingChangedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<GridStaffingChanged>(db, clock);
public sealed class AssessCameraRegisteredConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<CameraRegistered>(db, clock);
public sealed class AssessCameraRetiredConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<CameraRetired>(db, clock);

/// <summary>
/// Every step of every incident arrives as <see cref="IncidentTransitioned"/>; only the steps that make a report invalid
/// (rejected, merged away as a duplicate) are logged and folded, the rest are acknowledged and dropped, so the log does
/// not keep a second copy of grid's whole timeline.
/// </summary>
public sealed class AssessIncidentTransitionedConsumer(AssessmentDb db, TimeProvider clock) : AssessmentConsumer<IncidentTransitioned>(db, clock)
{
    protected override bool Folds(IncidentTransitioned message) => InputFolder.Invalidates(message);
}
