using Governance.Console.Api;
using Governance.Console.Auth;
using Governance.Console.Components;
using Governance.Console.Sessions;
using Governance.ServiceDefaults.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Governance.Console;

/// <summary>
/// The web console as a piece a host mounts: <c>builder.AddConsole()</c> after <c>AddServiceDefaults()</c>, and
/// <c>app.MapConsole()</c> after <c>MapDefaultEndpoints()</c>. Its pages live under <c>/console</c>; Blazor's own
/// endpoints (<c>/_blazor</c>, <c>/_framework</c>) and its files (<c>/_content/Governance.Console</c>) beside them.
/// </summary>
public static class ConsoleExtensions
{
    public static WebApplicationBuilder AddConsole(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section)
            .PostConfigure(o =>
            {
                o.Authority ??= builder.Configuration["Auth:Issuer"];
                if (builder.Configuration["Console:RequireHttpsMetadata"] is null && builder.Configuration["Auth:RequireHttpsMetadata"] is { } https)
                    o.RequireHttpsMetadata = bool.Parse(https);
                // As the bearer scheme does (AuthOptions): an issuer on this machine needs no TLS to be trusted.
                if (Uri.TryCreate(o.Authority, UriKind.Absolute, out var authority) && authority.IsLoopback) o.RequireHttpsMetadata = false;
            })
            .Validate(o => Uri.TryCreate(o.Authority, UriKind.Absolute, out _), "Console:Authority (or Auth:Issuer) must be identity's issuer URL.")
            // Checked here, at start: the sign-in handler reads its options on every request of the host (it watches for its
            // callback path), so an http authority it refuses would turn every request, the services' too, into a 500.
            .Validate(o => !o.RequireHttpsMetadata || o.Authority?.StartsWith("https://", StringComparison.OrdinalIgnoreCase) != false,
                "Console:Authority is http: use https, or set Console:RequireHttpsMetadata=false where TLS ends in front of identity.")
            .Validate(o => o.ApiBaseAddress is null || Uri.TryCreate(o.ApiBaseAddress, UriKind.Absolute, out _), "Console:ApiBaseAddress must be an absolute URL.")
            .Validate(o => o.VideoAlertGrpcAddress is null || Uri.TryCreate(o.VideoAlertGrpcAddress, UriKind.Absolute, out _),
                "Console:VideoAlertGrpcAddress must be an absolute URL (video-alert's gRPC port, e.g. http://video-alert:8081).")
            .ValidateOnStart();
        builder.AddServiceDatabase<ConsoleDb>("console");
        ConsoleAuthentication.Add(builder.Services);
        builder.Services.AddScoped<ConsoleLanguage>();
        builder.Services.AddScoped<ConsoleUser>();
        builder.Services.AddHttpClient<ServicesApi>((sp, http) =>
        {
            var o = sp.GetRequiredService<IOptions<ConsoleOptions>>().Value;
            http.BaseAddress = new Uri(o.ApiBaseAddress ?? o.Authority!);
            http.Timeout = TimeSpan.FromSeconds(30);
        });
        builder.Services.AddScoped<DisputesApi>();
        AlertFeed.AddClient(builder);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        // A host run from its build output (dotnet run, the tests) finds the console's files through the static web
        // assets manifest in any environment, not only in Development; a published host has them in its wwwroot.
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        app.MapGet(ConsoleOptions.BasePath + "/language", (HttpContext http, string? to, string? returnUrl) =>
        {
            http.Response.Cookies.Append(ConsoleLanguage.Cookie, to == "en" ? "en" : "zh",
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = "/", MaxAge = TimeSpan.FromDays(365) });
            // Only a path of the console: never an open redirect.
            var back = returnUrl is not null && returnUrl.StartsWith(ConsoleOptions.BasePath, StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal)
                ? returnUrl : ConsoleOptions.BasePath;
            return Results.LocalRedirect(back);
        }).RequireAuthorization(ConsoleAuthentication.Policy);
        ConsoleAuthentication.MapEndpoints(app);
        app.MapAgreementDownload();
        AssessmentExport.Map(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().RequireAuthorization(ConsoleAuthentication.Policy);
        return app;
    }
}
