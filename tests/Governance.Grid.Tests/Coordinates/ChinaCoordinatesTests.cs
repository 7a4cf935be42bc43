using Governance.Grid.Coordinates;

namespace Governance.Grid.Tests.Coordinates;

/// <summary>
/// The transforms against published point pairs. Source: the README example and test/app.js of
/// wandergis/coordtransform (https://github.com/wandergis/coordtransform, MIT), the converter most
/// Chinese web maps use, for the point (lng 116.404, lat 39.915) in Beijing:
/// bd09togcj02 → [116.39762729119315, 39.90865673957631], gcj02tobd09 → [116.41036949371029, 39.92133699351021],
/// wgs84togcj02 → [116.41024449916938, 39.91640428150164]. (Its gcj02towgs84 is a one-step
/// approximation, metres off; ours iterates, so it is checked against the forward pair instead.)
/// </summary>
public sealed class ChinaCoordinatesTests
{
    private const double Exact = 1e-9;

    [Fact]
    public void Wgs84_to_gcj02_matches_the_published_pair()
    {
        var (lat, lng) = ChinaCoordinates.Wgs84ToGcj02(39.915, 116.404);
        Assert.Equal(39.91640428150164, lat, Exact);
        Assert.Equal(116.41024449916938, lng, Exact);
    }

    [Fact]
    public void Gcj02_to_wgs84_inverts_the_published_pair_to_well_within_half_a_metre()
    {
        var (lat, lng) = ChinaCoordinates.Gcj02ToWgs84(39.91640428150164, 116.41024449916938);
        Assert.True(Metres(lat, lng, 39.915, 116.404) < 0.05, $"({lat}, {lng}) is {Metres(lat, lng, 39.915, 116.404)} m off");
    }

    [Fact]
    public void Bd09_and_gcj02_match_the_published_pairs_both_ways()
    {
        var (gLat, gLng) = ChinaCoordinates.Bd09ToGcj02(39.915, 116.404);
        Assert.Equal((39.90865673957631, 116.39762729119315), (Math.Round(gLat, 12), Math.Round(gLng, 12)), Tolerance);
        var (bLat, bLng) = ChinaCoordinates.Gcj02ToBd09(39.915, 116.404);
        Assert.Equal((39.92133699351021, 116.41036949371029), (bLat, bLng), Tolerance);
    }

    [Fact]
    public void A_bd09_point_converts_to_wgs84_through_gcj02()
    {
        var (bLat, bLng) = ChinaCoordinates.Gcj02ToBd09(39.91640428150164, 116.41024449916938);
        var (lat, lng) = ChinaCoordinates.ToWgs84(CoordinateSystem.Bd09, bLat, bLng);
        Assert.True(Metres(lat, lng, 39.915, 116.404) < 0.5);
    }

    [Theory]
    [InlineData(51.5007, -0.1246)]    // London
    [InlineData(35.6586, 139.7454)]   // Tokyo: east of the box
    [InlineData(-33.8568, 151.2153)]  // Sydney
    public void Points_outside_china_are_not_shifted(double lat, double lng)
    {
        Assert.Equal((lat, lng), ChinaCoordinates.Wgs84ToGcj02(lat, lng));
        Assert.Equal((lat, lng), ChinaCoordinates.ToWgs84(CoordinateSystem.Gcj02, lat, lng));
    }

    [Fact]
    public void The_shift_in_golmud_is_hundreds_of_metres_and_the_inverse_removes_it()
    {
        var (gLat, gLng) = ChinaCoordinates.Wgs84ToGcj02(36.405, 94.9095);
        Assert.InRange(Metres(gLat, gLng, 36.405, 94.9095), 50, 1000);
        var (lat, lng) = ChinaCoordinates.Gcj02ToWgs84(gLat, gLng);
        Assert.True(Metres(lat, lng, 36.405, 94.9095) < 0.5);
    }

    private static readonly IEqualityComparer<(double, double)> Tolerance = new Near();

    private sealed class Near : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) < Exact && Math.Abs(a.Item2 - b.Item2) < Exact;
        public int GetHashCode((double, double) obj) => 0;
    }

    /// <summary>Great-circle distance in metres (haversine on a 6,371 km sphere): plenty for sub-metre checks.</summary>
    internal static double Metres(double lat1, double lng1, double lat2, double lng2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var h = Math.Pow(Math.Sin(Rad(lat2 - lat1) / 2), 2) + Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Pow(Math.Sin(Rad(lng2 - lng1) / 2), 2);
        return 2 * 6_371_000 * Math.Asin(Math.Sqrt(h));
    }
}
