using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Governance.Messaging.Tests.Support;

/// <summary>Keeps a host's log lines (warnings and worse) so that a failing test can say what the host went through.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>The last <paramref name="count"/> lines, oldest first.</summary>
    public string Tail(int count = 60) => string.Join('\n', _lines.TakeLast(count));

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            logs._lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}{(exception is null ? "" : " [" + exception.GetType().Name + ": " + exception.Message + "]")}");
            while (logs._lines.Count > 2000) logs._lines.TryDequeue(out _);
        }
    }
}
