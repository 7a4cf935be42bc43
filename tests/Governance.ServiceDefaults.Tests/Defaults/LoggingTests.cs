using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.ServiceDefaults.Tests.Defaults;

// Console output is process-wide: this class must not share it with others.
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;

[Collection(nameof(ConsoleCollection))]
public sealed class LoggingTests
{
    [Fact]
    public async Task Logs_are_json_lines_carrying_the_trace_and_span_ids()
    {
        var original = Console.Out;
        var captured = new StringWriter();
        Console.SetOut(TextWriter.Synchronized(captured));
        try
        {
            var host = await DefaultsHost.StartAsync();
            {
                var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Governance.Test");
                using var source = new ActivitySource("Governance.Test.Logging");
                using var listener = new ActivityListener
                {
                    ShouldListenTo = s => s.Name == source.Name,
                    Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                };
                ActivitySource.AddActivityListener(listener);
                using var activity = source.StartActivity("work")!;
                logger.LogWarning("marker {Marker}", "网格-7");
                activity.Stop();
                await host.DisposeAsync(); // disposing the logger factory drains the console queue

                var line = captured.ToString().Split('\n').Single(l => l.Contains("网格-7") || l.Contains("\\u7F51"));
                using var json = JsonDocument.Parse(line[line.IndexOf('{')..]);
                var scopes = json.RootElement.GetProperty("Scopes").ToString();
                Assert.Contains(activity.TraceId.ToString(), scopes);
                Assert.Contains(activity.SpanId.ToString(), scopes);
                Assert.Equal("Warning", json.RootElement.GetProperty("LogLevel").GetString());
            }
        }
        finally
        {
            Console.SetOut(original);
        }
    }
}
