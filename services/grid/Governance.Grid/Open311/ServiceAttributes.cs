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
/// The attributes of each service, in one place so that they flow into the services list
/// (metadata), the definition and the POST check together. Every service has one: the datum of
/// lat/long (<see cref="CoordinateSystemCode"/>), because apps in China send GCJ-02 or BD-09 points,
/// hundreds of metres off the WGS-84 the spec assumes; wgs84 when absent.
/// </summary>
internal static class ServiceAttributes
{
    public const string CoordinateSystemCode = "coordinate_system";

    private static readonly ServiceAttribute CoordinateSystem = new(CoordinateSystemCode, "singlevaluelist", false,
        "The datum of lat and long; wgs84 when absent", 1,
        "坐标系 / coordinate system of lat and long: gcj02 for AMap, Tencent and most phone maps in China, bd09 for Baidu Maps",
        [("wgs84", "WGS-84 (GPS)"), ("gcj02", "GCJ-02 (高德/腾讯)"), ("bd09", "BD-09 (百度)")]);

    public static IReadOnlyList<ServiceAttribute> Of(Category category) => [CoordinateSystem];
}
