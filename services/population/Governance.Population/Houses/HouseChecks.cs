using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Houses;

/// <summary>
/// The checks of a house level's own fields and of its place among the levels, shared by REST registration
/// (<see cref="HouseRegistry"/>) and the houses import, so that a row of a file is held to exactly what a
/// registration is. Where the house lies (its org, its parent's existence and reach) is each caller's to find.
/// </summary>
public static class HouseChecks
{
    /// <summary>A house's fields, checked and trimmed.</summary>
    public sealed record Checked(string Kind, string Code, string Name, string? Address, string? Use, string? Occupancy, double? Latitude, double? Longitude);

    /// <exception cref="DomainException">400 naming the field at fault.</exception>
    public static Checked Check(HouseRequest request)
    {
        var kind = request.Kind is { } k && HouseNames.Kinds.Contains(k) ? k
            : throw DomainException.Invalid("kind", $"The house kind '{request.Kind}' is not one of {string.Join(", ", HouseNames.Kinds)}.");
        var code = request.Code?.Trim() ?? "";
        if (code.Length == 0) throw DomainException.Invalid("code", "Give the house's code.");
        if (code.Length > House.MaxCodeLength || !code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            throw DomainException.Invalid("code", $"A house code has up to {House.MaxCodeLength} letters, digits and hyphens.");
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0) throw DomainException.Invalid("name", "Give the house's name.");
        if (name.Length > House.MaxNameLength) throw DomainException.Invalid("name", $"The name must not be longer than {House.MaxNameLength} characters.");
        if (name.Any(char.IsControl)) throw DomainException.Invalid("name", "The name must not hold control characters.");
        var address = string.IsNullOrWhiteSpace(request.Address) ? null : request.Address.Trim();
        if (address?.Length > House.MaxAddressLength)
            throw DomainException.Invalid("address", $"The address must not be longer than {House.MaxAddressLength} characters.");
        if (address is not null && address.Any(char.IsControl)) throw DomainException.Invalid("address", "The address must not hold control characters.");
        if (request.Use is { } use && !HouseNames.Uses.Contains(use))
            throw DomainException.Invalid("use", $"The use '{use}' is not one of {string.Join(", ", HouseNames.Uses)}.");
        if (kind == HouseNames.Room && request.Use is null) throw DomainException.Invalid("use", "Give the room's use.");
        if (kind != HouseNames.Room && request.Occupancy is not null) throw DomainException.Invalid("occupancy", "Only a room has an occupancy.");
        if (kind == HouseNames.Room && !HouseNames.Occupancies.Contains(request.Occupancy ?? ""))
            throw DomainException.Invalid("occupancy", $"The occupancy '{request.Occupancy}' is not one of {string.Join(", ", HouseNames.Occupancies)}.");
        if (request.Latitude is null != request.Longitude is null) throw DomainException.Invalid("latitude", "Give both latitude and longitude, or neither.");
        if (request.Latitude is < -90 or > 90) throw DomainException.Invalid("latitude", "The latitude must be -90 to 90 (WGS84).");
        if (request.Longitude is < -180 or > 180) throw DomainException.Invalid("longitude", "The longitude must be -180 to 180 (WGS84).");
        return new Checked(kind, code, name, address, request.Use, kind == HouseNames.Room ? request.Occupancy : null, request.Latitude, request.Longitude);
    }

    /// <summary>That a <paramref name="kind"/> may stand at the top (no parent) or sit in a <paramref name="parentKind"/>.</summary>
    /// <exception cref="DomainException">400 naming <c>parentId</c>.</exception>
    public static void CheckPlace(string kind, string? parentKind)
    {
        if (parentKind is null)
        {
            if (!HouseNames.MayStandAlone(kind)) throw DomainException.Invalid("parentId", $"A {kind} sits in a {string.Join(" or ", HouseNames.ParentKindsFor(kind))}: give its parentId.");
        }
        else if (!HouseNames.ParentKindsFor(kind).Contains(parentKind))
            throw DomainException.Invalid("parentId", $"A {kind} cannot sit in a {parentKind}.");
    }

    /// <summary>The refusal of a code already used at its place.</summary>
    public static DomainException CodeTaken(string code) => DomainException.Duplicate($"The code '{code}' is taken at that place already.");
}
