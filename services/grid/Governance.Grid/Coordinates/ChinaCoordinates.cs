namespace Governance.Grid.Coordinates;

/// <summary>
/// The public transforms between WGS-84 (GPS, OpenStreetMap, the grids' polygons), GCJ-02 (the
/// obfuscated datum mandated for maps in mainland China: AMap, Tencent, Apple and Google in China)
/// and BD-09 (Baidu: a further closed-form transform of GCJ-02). WGS-84 → GCJ-02 is the well-known
/// closed form on the Krasovsky ellipsoid, applied only inside mainland China's bounding box; it has
/// no closed inverse, so GCJ-02 → WGS-84 iterates it until the forward image of the guess lies within
/// <see cref="InverseTolerance"/> degrees of the point sent (about 0.01 m). No library served here does this
/// (shared/STACK.md); the tests check it against published point pairs, not against itself.
/// </summary>
public static class ChinaCoordinates
{
    private const double A = 6378245.0;                    // Krasovsky 1940 semi-major axis
    private const double Ee = 0.00669342162296594323;      // its first eccentricity squared
    private const double XPi = Math.PI * 3000.0 / 180.0;   // BD-09's constant

    /// <summary>Degrees; 1e-7° is about 1 cm, far inside the ~0.5 m the look-up needs.</summary>
    public const double InverseTolerance = 1e-7;

    private const int MaxIterations = 30;

    /// <summary>
    /// The rough box GCJ-02 applies in (the convention of every public implementation): outside it a
    /// point is not shifted, so a WGS-84 point abroad reads the same in every system.
    /// </summary>
    public static bool OutsideChina(double latitude, double longitude) =>
        longitude is < 72.004 or > 137.8347 || latitude is < 0.8293 or > 55.8271;

    public static (double Latitude, double Longitude) Wgs84ToGcj02(double latitude, double longitude)
    {
        if (OutsideChina(latitude, longitude)) return (latitude, longitude);
        var (dLat, dLng) = Delta(latitude, longitude);
        return (latitude + dLat, longitude + dLng);
    }

    /// <summary>Inverts <see cref="Wgs84ToGcj02"/> by fixed-point iteration (it converges in a handful of steps: the shift varies slowly).</summary>
    public static (double Latitude, double Longitude) Gcj02ToWgs84(double latitude, double longitude)
    {
        if (OutsideChina(latitude, longitude)) return (latitude, longitude);
        var (lat, lng) = (latitude, longitude);
        for (var i = 0; i < MaxIterations; i++)
        {
            var (gLat, gLng) = Wgs84ToGcj02(lat, lng);
            var (eLat, eLng) = (gLat - latitude, gLng - longitude);
            if (Math.Abs(eLat) < InverseTolerance && Math.Abs(eLng) < InverseTolerance) break;
            (lat, lng) = (lat - eLat, lng - eLng);
        }
        return (lat, lng);
    }

    public static (double Latitude, double Longitude) Gcj02ToBd09(double latitude, double longitude)
    {
        var z = Math.Sqrt(longitude * longitude + latitude * latitude) + 0.00002 * Math.Sin(latitude * XPi);
        var theta = Math.Atan2(latitude, longitude) + 0.000003 * Math.Cos(longitude * XPi);
        return (z * Math.Sin(theta) + 0.006, z * Math.Cos(theta) + 0.0065);
    }

    public static (double Latitude, double Longitude) Bd09ToGcj02(double latitude, double longitude)
    {
        var (x, y) = (longitude - 0.0065, latitude - 0.006);
        var z = Math.Sqrt(x * x + y * y) - 0.00002 * Math.Sin(y * XPi);
        var theta = Math.Atan2(y, x) - 0.000003 * Math.Cos(x * XPi);
        return (z * Math.Sin(theta), z * Math.Cos(theta));
    }

    /// <summary>A point sent in <paramref name="system"/>, in WGS-84.</summary>
    public static (double Latitude, double Longitude) ToWgs84(CoordinateSystem system, double latitude, double longitude) => system switch
    {
        CoordinateSystem.Gcj02 => Gcj02ToWgs84(latitude, longitude),
        CoordinateSystem.Bd09 => Bd09ToGcj02(latitude, longitude) is var (gLat, gLng) ? Gcj02ToWgs84(gLat, gLng) : default,
        _ => (latitude, longitude),
    };

    private static (double DLat, double DLng) Delta(double latitude, double longitude)
    {
        var (x, y) = (longitude - 105.0, latitude - 35.0);
        var dLat = TransformLat(x, y);
        var dLng = TransformLng(x, y);
        var radLat = latitude / 180.0 * Math.PI;
        var magic = Math.Sin(radLat);
        magic = 1 - Ee * magic * magic;
        var sqrtMagic = Math.Sqrt(magic);
        dLat = dLat * 180.0 / (A * (1 - Ee) / (magic * sqrtMagic) * Math.PI);
        dLng = dLng * 180.0 / (A / sqrtMagic * Math.Cos(radLat) * Math.PI);
        return (dLat, dLng);
    }

    private static double TransformLat(double x, double y)
    {
        var r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x));
        r += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double TransformLng(double x, double y)
    {
        var r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x));
        r += (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}
