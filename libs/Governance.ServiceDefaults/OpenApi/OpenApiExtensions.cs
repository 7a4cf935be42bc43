using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.ServiceDefaults.OpenApi;

/// <summary>
/// One OpenAPI document per service (Microsoft.AspNetCore.OpenApi), served anonymously at
/// <c>/openapi/{service}.json</c> by every host that maps the service: the standalone host serves all three.
/// </summary>
public static class OpenApiExtensions
{
    /// <summary>Where the documents are served; Scalar's default pattern too.</summary>
    public const string RoutePattern = "/openapi/{documentName}.json";

    private const string MappedKey = "Governance.OpenApi.Mapped";

    /// <summary>
    /// Adds the document named <paramref name="service"/>: the endpoints mapped on the group that
    /// <see cref="MapServiceApi"/> returns for that service, with a bearer security scheme.
    /// </summary>
    public static IHostApplicationBuilder AddServiceOpenApi(this IHostApplicationBuilder builder, string service, string title)
    {
        builder.Services.AddOpenApi(service, options =>
        {
            options.ShouldInclude = description => description.GroupName == service;
            options.AddDocumentTransformer(new BearerSecurityScheme(title));
            options.AddOperationTransformer<BearerRequirement>();
        });
        return builder;
    }

    /// <summary>
    /// A route group (no prefix) whose endpoints go in <paramref name="service"/>'s document. Every
    /// endpoint on it that is not anonymous is listed with the refusals of the shared authentication
    /// and authorization: 401 without a valid token, 403 outside the caller's permissions or org scope.
    /// Also maps the documents' route, once per application.
    /// </summary>
    public static RouteGroupBuilder MapServiceApi(this IEndpointRouteBuilder app, string service)
    {
        MapOpenApiDocuments(app);
        var group = app.MapGroup("").WithGroupName(service);
        // Finally: after the endpoints' own conventions, so an AllowAnonymous() on them is seen.
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IAllowAnonymous>().Any()) return;
            endpoint.Metadata.Add(Problem(StatusCodes.Status401Unauthorized));
            endpoint.Metadata.Add(Problem(StatusCodes.Status403Forbidden));
        });
        return group;
    }

    /// <summary>
    /// Lists the problem details an endpoint answers with besides success: 400 as a validation
    /// problem naming the field, any other status as a problem (404 out of reach, 409 a rule or a duplicate).
    /// </summary>
    public static TBuilder ProducesRefusals<TBuilder>(this TBuilder builder, params int[] statuses) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            if (status == StatusCodes.Status400BadRequest) builder.ProducesValidationProblem();
            else builder.ProducesProblem(status);
        }
        return builder;
    }

    private static void MapOpenApiDocuments(IEndpointRouteBuilder app)
    {
        var properties = (app as IApplicationBuilder)?.Properties
            ?? throw new ArgumentException("Map a service's API on the application itself, not on a route group.", nameof(app));
        if (properties.ContainsKey(MappedKey)) return;
        properties[MappedKey] = true;
        app.MapOpenApi(RoutePattern).AllowAnonymous();
    }

    private static ProducesResponseTypeMetadata Problem(int status) =>
        new(status, typeof(ProblemDetails), ["application/problem+json"]);
}
