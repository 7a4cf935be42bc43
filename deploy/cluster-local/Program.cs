using System.Diagnostics;
using Governance.ClusterLocal;

// dotnet run --project deploy/cluster-local -c Release -- [--hold] [service...]   (README.md)
var hold = args.Contains("--hold");
var services = args.Where(a => !a.StartsWith("--")).ToArray();
var options = new ClusterOptions { Services = services.Length > 0 ? services : ClusterTopology.AllServices };
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

var watch = Stopwatch.StartNew();
await using var topology = await ClusterTopology.PrepareAsync(options, stop.Token);
Console.WriteLine($"{watch.Elapsed.TotalSeconds:F0} s: rendered {string.Join(", ", options.Services)}; databases {topology.Run}_*, vhost {topology.Vhost}; logs in {topology.WorkDirectory}");
foreach (var (service, took) in await topology.MigrateAsync(options.Services, stop.Token))
    Console.WriteLine($"  {service}: migrated as its owner role in {took.TotalSeconds:F0} s");
watch.Restart();
await topology.StartAndWaitAsync(options.Services, TimeSpan.FromMinutes(3), stop.Token);
Console.WriteLine($"{watch.Elapsed.TotalSeconds:F0} s: all ready and gRPC SERVING");
foreach (var service in options.Services)
{
    var host = topology[service];
    Console.WriteLine($"  {service}: PID {host.Pid}, HTTP {host.Http}, gRPC {host.Grpc}, {host.ResidentMiB()} MiB resident");
}
if (options.Services.Contains("identity"))
    Console.WriteLine($"  identity's first admin: {ClusterTopology.AdminUserName} / {topology.AdminPassword} (the sign-in page asks for a new password and TOTP)");
if (hold)
{
    Console.WriteLine("running; Ctrl-C stops them all by their PIDs and drops the databases and the vhost");
    try { await Task.Delay(Timeout.Infinite, stop.Token); } catch (OperationCanceledException) { }
}
