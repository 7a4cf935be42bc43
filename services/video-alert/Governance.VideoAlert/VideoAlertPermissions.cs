namespace Governance.VideoAlert;

/// <summary>
/// The permissions video-alert's endpoints ask for (which roles carry them is identity's data, seeded from its
/// RoleCatalog). Each is checked against the camera's org path (its grid's).
/// </summary>
public static class VideoAlertPermissions
{
    /// <summary>Read cameras, their status and figures (centre staff; grid leaders in their subtree).</summary>
    public const string CameraRead = "camera.read";

    /// <summary>Register and edit cameras and the platforms that register for them (platform/camera administrators).</summary>
    public const string CameraManage = "camera.manage";

    /// <summary>Read the alarms cameras raised (centre staff; grid leaders in their subtree).</summary>
    public const string AlertRead = "alert.read";

    /// <summary>
    /// Watch the alerts routed to the caller's own department (the token's dept), whatever their org: department handlers'
    /// systems. Carries no org reach, so it shows nothing else.
    /// </summary>
    public const string AlertDepartmentRead = "alert.department.read";

    /// <summary>Acknowledge an alert (centre staff).</summary>
    public const string AlertAcknowledge = "alert.acknowledge";

    /// <summary>Replace the routing rules (where alerts go) over the areas they name; everywhere needs it at a root (centre administrators).</summary>
    public const string AlertRulesManage = "alert.rules.manage";

    /// <summary>
    /// Report incidents to grid: the one permission of the service account (role video_alert_service) the router uses;
    /// grid checks it, this service only names it.
    /// </summary>
    public const string IncidentReport = "incident.report";
}
