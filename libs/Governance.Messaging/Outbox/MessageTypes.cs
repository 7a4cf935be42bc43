using System.Collections.Concurrent;

namespace Governance.Messaging.Outbox;

/// <summary>Names event types in outbox rows and finds them again when the dispatcher publishes.</summary>
internal static class MessageTypes
{
    private static readonly ConcurrentDictionary<string, Type?> Resolved = new();

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type? Resolve(string name) => Resolved.GetOrAdd(name, n => Type.GetType(n, throwOnError: false));
}
