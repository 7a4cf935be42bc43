namespace Governance.ServiceDefaults.Tests.Auth;

/// <summary>Asks again until a condition holds or 10 seconds pass: for effects the library makes in the background.</summary>
public static class Eventually
{
    public static async Task<bool> HoldsAsync(Func<Task<bool>> condition)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (await condition()) return true;
            if (DateTime.UtcNow > until) return false;
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
