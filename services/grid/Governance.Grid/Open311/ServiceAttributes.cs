using Governance.Grid.Incidents.Categories;

namespace Governance.Grid.Open311;

/// <summary>An extra question a service asks (Open311 service definition attribute).</summary>
internal sealed record ServiceAttribute(string Code, string Datatype, bool Required, string DatatypeDescription, int Order, string Description,
    IReadOnlyList<(string Key, string Name)> Values)
{
    public O311Object ToObject() => new([
        new("variable", true),
        new("code", Code),
        new("datatype", Datatype),
        new("required", Required),
        new("datatype_description", DatatypeDescription),
        new("order", Order),
        new("description", Description),
        new("values", new O311List("value", Values.Select(v => (object?)new O311Object([new("key", v.Key), new("name", v.Name)])).ToList())),
    ]);
}

/// <summary>
/// The attributes of each service. None yet: a category asks only for a point, a description and
/// a photo, which the request's own fields carry. Kept as one place so that attributes held as data
/// later flow into the services list (metadata), the definition and the POST check together.
/// </summary>
internal static class ServiceAttributes
{
    public static IReadOnlyList<ServiceAttribute> Of(Category category) => [];
}
