using System.Security.Cryptography;
using Governance.Contracts.Identity;
using Governance.Identity.Audit;
using Governance.Identity.Clients;
using Governance.Identity.Data;
using Governance.Identity.OAuth;
using Governance.Identity.Org;
using Governance.Identity.Roles;
using Governance.Identity.SignIn;
using Governance.Identity.Users;
using Governance.Messaging.Outbox;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Governance.Identity.Bootstrap;

/// <summary>
/// At start-up, creates what <see cref="BootstrapOptions"/> asks for and the database lacks: the
/// root node, the first admin, the demo seed. Idempotent, so every replica may run it; the unique
/// indexes settle a race between two. Its changes are audited as the actor <c>bootstrap</c>.
/// </summary>
public sealed partial class IdentityBootstrap(IServiceProvider services, IOptions<BootstrapOptions> options, IOptions<OAuthOptions> oauth,
    ILogger<IdentityBootstrap> logger) : IHostedService
{
    public const string Actor = "bootstrap";

    public async Task StartAsync(CancellationToken ct)
    {
        var settings = options.Value;
        if (settings.Root is null && settings.Admin is null && !settings.DemoSeed)
        {
            await EnsureApplicationsAsync(ct);
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        var context = new BootstrapContext(db, scope.ServiceProvider.GetRequiredService<AuditTrail>(),
            scope.ServiceProvider.GetRequiredService<IPasswordHasher<User>>(), scope.ServiceProvider.GetRequiredService<TotpEnrollment>(),
            scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        if (settings.Root is { } root) await CreateRootAsync(context, root, ct);
        await FirstPartyClients.EnsureAsync(db, oauth.Value, context.Now, ct);
        await scope.ServiceProvider.GetRequiredService<ClientApplications>().EnsureAllAsync(ct);
        if (settings.Admin is { } admin) await CreateFirstAdminAsync(context, admin, ct);
        if (settings.DemoSeed) await new DemoSeed(context, logger).RunAsync(settings.DemoPassword, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    // Without a bootstrap to run, the clients still need their OpenIddict applications (clients made
    // before identity ran on OpenIddict). A database not migrated yet is the migrate job's to fix.
    private async Task EnsureApplicationsAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ClientApplications>().EnsureAllAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            LogApplicationsNotEnsured(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bootstrap: could not register the OAuth applications of existing clients; will try at the next start")]
    private static partial void LogApplicationsNotEnsured(ILogger logger, Exception exception);

    private async Task CreateRootAsync(BootstrapContext context, BootstrapOptions.RootNode root, CancellationToken ct)
    {
        if (await context.Db.OrgNodes.AnyAsync(ct)) return;
        if (!OrgLevels.TryParse(root.Level, out var level) || !level.MayBeRoot())
            throw new InvalidOperationException($"Identity:Bootstrap:Root:Level '{root.Level}' must be province, prefecture or county.");
        if (OrgCodes.Check(root.Code, level, null) is { } bad) throw new InvalidOperationException($"Identity:Bootstrap:Root:Code: {bad.Message}");
        if (string.IsNullOrWhiteSpace(root.Name)) throw new InvalidOperationException("Identity:Bootstrap:Root:Name is required.");
        var node = context.AddNode(null, root.Code!, root.Name.Trim(), level);
        await context.Db.SaveChangesAsync(ct);
        LogRootCreated(logger, node.Path, node.Name);
    }

    private async Task CreateFirstAdminAsync(BootstrapContext context, BootstrapOptions.FirstAdmin admin, CancellationToken ct)
    {
        if (await context.Db.UserPosts.AnyAsync(p => p.Role == RoleCatalog.Admin && (p.Until == null || p.Until > context.Now), ct)) return;
        var root = await context.Db.OrgNodes.FirstOrDefaultAsync(n => n.ParentId == null, ct);
        if (root is null)
        {
            LogNoRootForAdmin(logger);
            return;
        }
        var userName = UserRules.UserName(admin.UserName);
        if (await context.Db.Users.AnyAsync(u => u.UserName == userName, ct))
            throw new InvalidOperationException($"Identity:Bootstrap:Admin:UserName '{userName}' is taken by an account without the admin role; choose another name.");
        var generated = admin.Password is null;
        var password = generated ? NewPassword() : UserRules.Password(admin.Password, "Identity:Bootstrap:Admin:Password");
        // No TOTP secret now, and so none in any log: the admin sets their own password and enrols
        // TOTP on the sign-in page at the first sign-in, before anything else.
        var (user, _) = context.AddUser(userName, admin.DisplayName ?? "系统管理员", root, null, [RoleCatalog.Admin], password, provisionTotp: false);
        user.MustChangePassword = true;
        await context.Db.SaveChangesAsync(ct);
        if (generated) LogOneTimePassword(logger, userName, password);
        else LogAdminCreated(logger, userName, root.Path);
    }

    /// <summary>24 characters from 144 random bits, URL-safe so it survives copy and paste from a log.</summary>
    internal static string NewPassword() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');

    // Demo accounts only (DemoSeed): a real deployment's admin enrols on the sign-in page, and no secret is logged.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seed: TOTP for the demo account '{UserName}': add {OtpAuthUri} to an authenticator app and enter its codes when signing in.")]
    internal static partial void LogOneTimeTotp(ILogger logger, string userName, string otpAuthUri);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap: created the root org node {Path} ({Name})")]
    private static partial void LogRootCreated(ILogger logger, string path, string name);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap: created the first admin '{UserName}' at {Path} with the configured password; the first sign-in (on the sign-in page) sets their own and enrols TOTP")]
    private static partial void LogAdminCreated(ILogger logger, string userName, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bootstrap: Identity:Bootstrap:Admin is set but the org tree has no root; configure Identity:Bootstrap:Root")]
    private static partial void LogNoRootForAdmin(ILogger logger);

    // Printed once, at Warning so that it shows under production log levels; it is never stored in clear.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Bootstrap: created the first admin '{UserName}' with the ONE-TIME password {Password} . It is shown only now: sign in with it on the sign-in page, which then asks for your own password and enrols TOTP.")]
    private static partial void LogOneTimePassword(ILogger logger, string userName, string password);
}

/// <summary>The bootstrap's unit of work: adds nodes and users with their audit lines and events, the way the admin API does.</summary>
internal sealed class BootstrapContext(IdentityDb db, AuditTrail audit, IPasswordHasher<User> hasher, TotpEnrollment totp, DateTime now)
{
    private static readonly HashSet<string> SecondFactorRoles =
        RoleCatalog.Defaults.Where(r => r.RequiresSecondFactor).Select(r => r.Name).ToHashSet();

    public IdentityDb Db => db;
    public DateTime Now => now;

    public OrgNode AddNode(OrgNode? parent, string code, string name, OrgLevel level)
    {
        var node = new OrgNode { Code = code, Path = OrgNode.PathOf(parent, code), Name = name, Level = level, ParentId = parent?.Id, CreatedAt = now, UpdatedAt = now };
        db.OrgNodes.Add(node);
        db.UsedOrgPaths.Add(new UsedOrgPath { Path = node.Path, NodeId = node.Id, Since = now });
        audit.Add(db, IdentityBootstrap.Actor, AuditActions.OrgNodeCreated, node.Path, node.Path, node.Name);
        db.AddToOutbox(new OrgNodeCreated(node.Id, node.Path, node.Code, node.Name, level.Name(), parent?.Path, now), node.Id.ToString());
        return node;
    }

    /// <summary>Adds a user; one whose roles need a second factor gets a TOTP secret (unless <paramref name="provisionTotp"/> is false), returned to be shown once.</summary>
    public (User User, TotpEnrolled? Totp) AddUser(string userName, string displayName, OrgNode node, Guid? departmentId, string[] roles, string password,
        bool provisionTotp = true, Guid? id = null)
    {
        var user = new User { Id = id ?? Guid.CreateVersion7(), UserName = userName, DisplayName = displayName, OrgNodeId = node.Id, DepartmentId = departmentId, Status = UserStatus.Active, CreatedAt = now, UpdatedAt = now };
        user.PasswordHash = hasher.HashPassword(user, password);
        user.Posts.AddRange(roles.Select(r => new UserPost { UserId = user.Id, Role = r, OrgNodeId = node.Id, GrantedAt = now, GrantedBy = IdentityBootstrap.Actor }));
        db.Users.Add(user);
        audit.Add(db, IdentityBootstrap.Actor, AuditActions.UserCreated, user.Id.ToString(), node.Path, $"{userName} at {node.Path}, roles: {string.Join(", ", roles)}");
        db.AddToOutbox(new UserCreated(user.Id, node.Path, departmentId, roles, now), user.Id.ToString());
        if (!provisionTotp || !roles.Any(SecondFactorRoles.Contains)) return (user, null);
        audit.Add(db, IdentityBootstrap.Actor, AuditActions.TotpEnrolled, user.Id.ToString(), node.Path, "provisioned at bootstrap");
        return (user, totp.Enroll(user));
    }
}
