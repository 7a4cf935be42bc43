using System.Diagnostics;
using System.Text;

namespace Governance.Messaging.Tests.Support;

/// <summary>The outbox writer (Governance.Messaging.TestHost) in a process of its own, to be killed.</summary>
public sealed class WriterProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private long _written;

    private WriterProcess(Process process) => _process = process;

    public string Output { get { lock (_output) return _output.ToString(); } }
    public long Written => Interlocked.Read(ref _written);

    public static WriterProcess Start(string ledgerDatabase, params string[] settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Governance.Messaging.TestHost.dll"));
        info.ArgumentList.Add($"--ConnectionStrings:ledger={ledgerDatabase}");
        info.ArgumentList.Add($"--ConnectionStrings:rabbitmq={Governance.Testing.TestRabbitMq.ConnectionString}");
        foreach (var setting in settings) info.ArgumentList.Add(setting);
        var writer = new WriterProcess(Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start"));
        writer._process.OutputDataReceived += (_, e) => writer.Append(e.Data);
        writer._process.ErrorDataReceived += (_, e) => writer.Append(e.Data);
        writer._process.BeginOutputReadLine();
        writer._process.BeginErrorReadLine();
        return writer;
    }

    /// <summary>Waits until the writer has committed at least <paramref name="transactions"/> transactions.</summary>
    public Task WaitForWrittenAsync(long transactions, TimeSpan timeout) =>
        WaitAsync(() => Written >= transactions, $"{transactions} transactions written", timeout);

    public Task WaitForDrainedAsync(TimeSpan timeout) => WaitAsync(() => Output.Contains("drained"), "drained", timeout);

    /// <summary>SIGKILL: no shutdown hooks, no flushing, exactly like a node that loses power.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    private async Task WaitAsync(Func<bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (_process.HasExited && !condition())
                throw new InvalidOperationException($"writer exited with {_process.ExitCode} before {what}:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"writer: not {what} within {timeout}:\n{Output}");
            await Task.Delay(20);
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        if (line.StartsWith("written ", StringComparison.Ordinal) && long.TryParse(line.AsSpan(8), out var n))
            Interlocked.Exchange(ref _written, n);
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) await KillAsync();
        _process.Dispose();
    }
}
