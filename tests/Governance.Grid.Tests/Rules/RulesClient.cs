using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Governance.Grid.Tests.Rules;

/// <summary>Reads and changes the grid's rules over REST as a centre's console would.</summary>
internal static class RulesClient
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The rules in effect as JSON (version header and document), ready to be edited and sent back.</summary>
    public static async Task<JsonObject> RulesAsync(this HttpClient client) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/grid/rules", Ct))!;

    /// <summary>A change request built from <paramref name="current"/> with <paramref name="edit"/> applied to its document.</summary>
    public static JsonObject Change(JsonObject current, Action<JsonObject> edit, string note = "按中心会议决定调整", DateTime? effectiveFrom = null)
    {
        var rules = current["rules"]!.DeepClone().AsObject();
        edit(rules);
        var change = new JsonObject
        {
            ["baseVersion"] = current["version"]!["version"]!.GetValue<int>(),
            ["note"] = note,
            ["categories"] = rules["categories"]!.DeepClone(),
            ["escalationRules"] = rules["escalationRules"]!.DeepClone(),
        };
        if (effectiveFrom is { } at) change["effectiveFrom"] = at.ToString("O");
        return change;
    }

    public static JsonObject Category(this JsonObject rules, string code) =>
        rules["categories"]!.AsArray().Select(c => c!.AsObject()).Single(c => c["code"]!.GetValue<string>() == code);

    public static void SetMinutes(this JsonObject category, string urgency, string step, int minutes) =>
        category["deadlines"]!.AsArray().Select(d => d!.AsObject())
            .Single(d => d["urgency"]!.GetValue<string>() == urgency && d["step"]!.GetValue<string>() == step)["minutes"] = minutes;

    public static async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> PutRulesAsync(this HttpClient client, JsonObject change)
    {
        var response = await client.PutAsJsonAsync("/api/grid/rules", change, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }
}
