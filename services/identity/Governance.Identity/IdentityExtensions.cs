using Governance.Identity.Audit;
using Governance.Identity.Bootstrap;
using Governance.Identity.Data;
using Governance.Identity.Departments;
using Governance.Identity.Grpc;
using Governance.Identity.Org;
using Governance.Identity.Roles;
using Governance.ServiceDefaults.Security;
using Governance.Identity.Tokens;
using Governance.Identity.Users;
using Governance.Messaging.Outbox;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.OpenApi;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Governance.Identity;

/// <summary>The identity service, as its own host and the standalone host compose it.</summary>
public static class IdentityExtensions
{
    public static IHostApplicationBuilder AddIdentityService(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.Section)
            .PostConfigure<Microsoft.Extensions.Options.IOptions<AuthOptions>>((o, auth) => o.Issuer ??= auth.Value.Issuer)
            .Validate(o => o.Issuer is null || Uri.TryCreate(o.Issuer, UriKind.Absolute, out _), "Identity:Issuer must be an absolute URL.")
            .Validate(o => o.AccessTokenLifetime >= TimeSpan.FromSeconds(30) && o.AccessTokenLifetime <= TimeSpan.FromHours(1),
                "Identity:AccessTokenLifetime must be 30 s to 1 h.")
            .Validate(o => o.RefreshTokenLifetime > o.AccessTokenLifetime, "Identity:RefreshTokenLifetime must exceed the access token's.")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton(sp => SecretProtector.FromConfiguration(
            sp.GetRequiredService<IConfiguration>(), "Identity:KeyEncryptionKey", sp.GetRequiredService<IHostEnvironment>().ContentRootPath));
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<AuditGroupCommit>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditGroupCommit>());
        builder.AddServiceDatabase<IdentityDb>("identity");
        builder.AddOutbox<IdentityDb>();

        builder.Services.AddSingleton<SigningKeyStore>();
        builder.Services.AddScoped<OrgTree>();
        builder.AddTokenService();
        builder.Services.AddScoped<DepartmentDirectory>();
        builder.Services.AddScoped<UserDirectory>();
        builder.Services.AddScoped<UserAccounts>();
        builder.Services.AddScoped<RoleGrants>();
        builder.Services.AddScoped<PostAdmin>();
        builder.Services.AddScoped<RoleAdmin>();
        builder.Services.AddScoped<PermissionCheck>();
        builder.Services.AddScoped<AuditLog>();
        builder.Services.AddScoped<IdentityGrpcService>();
        builder.Services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.Section);
        builder.Services.AddHostedService<IdentityBootstrap>();
        // After the bootstrap, so that a first start restates the departments it created.
        builder.Services.AddHostedService<DepartmentRestatement>();
        builder.Services.TryAddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        builder.Services.Configure<PasswordHasherOptions>(PasswordHashing.Configure);
        builder.AddServiceOpenApi("identity", "Governance identity");
        return builder;
    }

    public static WebApplication MapIdentityService(this WebApplication app)
    {
        // REST endpoints on this group make identity's OpenAPI document (/openapi/identity.json).
        var api = app.MapServiceApi("identity");
        api.MapRolesDocument();
        api.MapOrgApi();
        api.MapTokenService();
        api.MapDepartmentsApi();
        api.MapUsersApi();
        api.MapRolesApi();
        api.MapAuditApi();
        app.MapIdentityGrpcService();
        return app;
    }
}
