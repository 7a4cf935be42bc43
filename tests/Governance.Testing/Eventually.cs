namespace Governance.Testing;

/// <summary>
/// Asks again until a condition holds or 10 seconds pass: for effects a library makes in the
/// background (IdentityModel reads a rotated key set after the request that asked for it).
/// </summary>
public static class Eventually
{
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition, CancellationToken cancellationToken = default)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (await condition()) return true;
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(50, cancellationToken);
        }
    }
}
