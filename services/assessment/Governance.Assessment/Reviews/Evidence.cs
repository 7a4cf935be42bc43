using System.Text.Json;
using Governance.ServiceDefaults.Problems;

namespace Governance.Assessment.Reviews;

/// <summary>
/// One piece of evidence behind a manual value, a task's completion or an inspection finding: a document or a photo, held
/// elsewhere (a document system, an object store, a paper file's reference) and named here by its reference only.
/// </summary>
/// <param name="Name">What it is, as a person would call it ("11月入户排查台账.pdf").</param>
/// <param name="Uri">Where it is: a URI or a file reference.</param>
/// <param name="Kind"><c>document</c> or <c>photo</c>.</param>
public sealed record Evidence(string Name, string Uri, string Kind)
{
    public const string Document = "document";
    public const string Photo = "photo";
    public const int MaxItems = 20;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web);

    public static string ToJson(IReadOnlyList<Evidence> evidence) => JsonSerializer.Serialize(evidence, Json);

    public static IReadOnlyList<Evidence> FromJson(string json) => JsonSerializer.Deserialize<List<Evidence>>(json, Json) ?? [];

    /// <summary>The evidence given, checked: at least <paramref name="atLeast"/>, each fault a 400 naming <c>evidence[i].field</c>.</summary>
    public static IReadOnlyList<Evidence> Validate(IReadOnlyList<EvidenceInput?>? given, int atLeast = 1)
    {
        var list = given ?? [];
        if (list.Count < atLeast || list.Count > MaxItems)
            throw DomainException.Invalid("evidence", $"Give the evidence: {atLeast} to {MaxItems} documents or photos, each named by its reference.");
        var evidence = new List<Evidence>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var f = $"evidence[{i}]";
            var item = list[i] ?? throw DomainException.Invalid(f, "A piece of evidence is an object: name, uri, kind.");
            var name = item.Name?.Trim() ?? "";
            if (name.Length is < 1 or > 200) throw DomainException.Invalid($"{f}.name", "The evidence's name is 1 to 200 characters.");
            var uri = item.Uri?.Trim() ?? "";
            if (uri.Length is < 1 or > 1000 || uri.Any(char.IsControl))
                throw DomainException.Invalid($"{f}.uri", "The evidence's reference (a URI or a file reference) is 1 to 1000 characters.");
            var kind = item.Kind?.Trim().ToLowerInvariant();
            if (kind is not (Document or Photo)) throw DomainException.Invalid($"{f}.kind", "The evidence's kind is document or photo.");
            evidence.Add(new Evidence(name, uri, kind));
        }
        return evidence;
    }
}

/// <summary>Evidence as a request gives it, checked by <see cref="Evidence.Validate"/>.</summary>
public sealed record EvidenceInput(string? Name, string? Uri, string? Kind);
