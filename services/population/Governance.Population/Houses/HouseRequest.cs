namespace Governance.Population.Houses;

/// <summary>
/// A house level to register, as the console sends it. A compound (or a building on its own):
/// <code>{ "kind": "compound", "code": "01", "name": "幸福小区", "orgPath": "632801/001/002/001", "address": "幸福路1号",
///   "use": "residential", "latitude": 36.5, "longitude": 101.7 }</code>
/// a level below it names its parent, and lies in the parent's org:
/// <code>{ "kind": "room", "code": "0502", "name": "502室", "parentId": "…", "use": "rental", "occupancy": "occupied" }</code>
/// </summary>
public sealed record HouseRequest(string? Kind, string? Code, string? Name, Guid? ParentId, string? OrgPath, string? Address, string? Use,
    string? Occupancy, double? Latitude, double? Longitude);

/// <summary>A house level as every read answers it.</summary>
public sealed record HouseView(Guid Id, string Kind, string Code, string Name, Guid? ParentId, string OrgPath, string? Address, string? Use,
    string? Occupancy, double? Latitude, double? Longitude, string? GridCode, DateTime RegisteredAt, int Version = 0)
{
    public static HouseView Of(House h) =>
        new(h.Id, h.Kind, h.Code, h.Name, h.ParentId, h.OrgPath, h.Address, h.Use, h.Occupancy, h.Latitude, h.Longitude, h.GridCode, h.RegisteredAt, h.Version);
}
