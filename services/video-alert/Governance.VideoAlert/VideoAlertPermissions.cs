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
}
