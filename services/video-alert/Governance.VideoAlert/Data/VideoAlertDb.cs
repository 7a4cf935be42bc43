using Governance.Messaging;
using Governance.VideoAlert.Alarms;
using Governance.VideoAlert.Alerts;
using Governance.VideoAlert.Cameras;
using Governance.VideoAlert.Routing;
using Governance.VideoAlert.Webhook;
using Microsoft.EntityFrameworkCore;

namespace Governance.VideoAlert.Data;

/// <summary>The video-alert service's own database. Each feature maps its entities in an IEntityTypeConfiguration beside them.</summary>
public sealed class VideoAlertDb(DbContextOptions<VideoAlertDb> options) : DbContext(options)
{
    public DbSet<Camera> Cameras => Set<Camera>();
    public DbSet<SipPlatform> Platforms => Set<SipPlatform>();
    public DbSet<Alarm> Alarms => Set<Alarm>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<RoutingRule> RoutingRules => Set<RoutingRule>();
    public DbSet<RoutingRuleSet> RoutingRuleSets => Set<RoutingRuleSet>();
    public DbSet<MaintenanceTask> MaintenanceTasks => Set<MaintenanceTask>();
    public DbSet<AlarmSource> AlarmSources => Set<AlarmSource>();

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.ApplyConfigurationsFromAssembly(typeof(VideoAlertDb).Assembly);
        model.AddOutboxAndInbox();
    }
}
