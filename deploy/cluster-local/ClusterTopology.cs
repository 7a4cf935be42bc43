using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;

namespace Governance.ClusterLocal;

/// <summary>What to run: which services, and values a caller adds to a chart's rendering (<c>--set</c>).</summary>
public sealed class ClusterOptions
{
    public IReadOnlyList<string> Services { get; init; } = ClusterTopology.AllServices;

    /// <summary>Extra <c>key=value</c> for <c>helm template --set</c>, by service.</summary>
    public Dictionary<string, List<string>> Values { get; init; } = [];

    public LocalServers Servers { get; init; } = new();
}

/// <summary>
/// The cluster topology on one machine (README.md): each service's chart rendered with helm, each host its own process
/// with the environment the chart gives its container, its own database and roles (migrated by the command of the
/// chart's Job, as the owner), one RabbitMQ vhost for the run. Secrets the charts reference are supplied here.
/// Disposing stops every process by its PID and drops what the run made.
/// </summary>
public sealed class ClusterTopology : IAsyncDisposable
{
    public static readonly string[] AllServices = ["identity", "grid", "mediation", "population", "video-alert", "assessment", "search"];

    /// <summary>The root org node identity creates at its first start (Identity:Bootstrap:Root).</summary>
    public const string RootCode = "632801";

    /// <summary>The first admin identity creates at its first start (Identity:Bootstrap:Admin), with <see cref="AdminPassword"/>.</summary>
    public const string AdminUserName = "admin";

    private readonly ClusterOptions _options;
    private readonly ChartTools _tools = new();
    private readonly Dictionary<string, ChartEnvironment> _charts = [];
    private readonly Dictionary<string, (int Http, int Grpc)> _ports = [];
    private readonly Dictionary<string, (string Name, string Runtime, string Owner)> _databases = [];
    private readonly ConcurrentDictionary<string, ServiceProcess> _processes = [];
    private readonly List<string> _created = [];
    private bool _vhostCreated;

    private ClusterTopology(ClusterOptions options)
    {
        _options = options;
        Run = "cl" + Guid.NewGuid().ToString("n")[..8];
        WorkDirectory = Directory.CreateTempSubdirectory("governance-cluster-").FullName;
        // identity-keys/bootstrap-admin-password is optional in the chart: given here, the first admin has a known password
        // (which identity makes them change at the first sign-in, as any password someone else set).
        Secrets["identity-keys/bootstrap-admin-password"] = AdminPassword;
        // Search's chart names the Elasticsearch Secret; with no server here (Search__Backend=lucene) it holds nothing.
        Secrets["governance-elasticsearch/url"] = "";
    }

    public string Run { get; }
    public string Vhost => Run;
    public string WorkDirectory { get; }
    public IReadOnlyList<string> Services => _options.Services;
    public LocalServers Servers => _options.Servers;
    public string AdminPassword { get; } = "Cluster-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant() + "-Z9";

    /// <summary>
    /// Secret values by <c>&lt;secret name&gt;/&lt;key&gt;</c>. Database and broker connection strings are made per run;
    /// any other key a chart requires gets 32 random bytes in base64 at its first use; set one before the service starts
    /// to give it yourself (video-alert-grid-client/client-secret, search-grid-client/client-secret: the secrets identity
    /// answers when their clients are made).
    /// </summary>
    public ConcurrentDictionary<string, string> Secrets { get; } = new();

    public ServiceProcess this[string service] => _processes.TryGetValue(service, out var p) ? p : throw new InvalidOperationException($"{service} was never started");

    public (int Http, int Grpc) PortsOf(string service) => _ports[service];

    /// <summary>The local database of <paramref name="service"/>, for reading what it wrote (as the superuser).</summary>
    public string DatabaseOf(string service) => Servers.Superuser(_databases[service].Name);

    /// <summary>Renders every chart and creates every database and the vhost; nothing runs yet.</summary>
    public static async Task<ClusterTopology> PrepareAsync(ClusterOptions options, CancellationToken ct)
    {
        var topology = new ClusterTopology(options);
        try
        {
            await topology.PrepareAsync(ct);
            return topology;
        }
        catch
        {
            await topology.DisposeAsync();
            throw;
        }
    }

    private async Task PrepareAsync(CancellationToken ct)
    {
        if (_tools.Missing() is { } missing) throw new InvalidOperationException("Chart tools missing: " + missing);
        foreach (var service in Services) _ports[service] = (FreePort(), FreePort());
        await Servers.CreateVhostAsync(Vhost, ct);
        _vhostCreated = true;
        foreach (var service in Services)
        {
            var chart = await ChartEnvironment.RenderAsync(_tools, service, LocalValues(service), ct);
            _charts[service] = chart;
            var database = chart.Pod.Secrets.Single(s => s.Key == "connection-string" && s.Env != "ConnectionStrings__rabbitmq").Env["ConnectionStrings__".Length..];
            var name = $"{Run}_{database}";
            _created.Add(name);
            var (runtime, owner) = await Servers.CreateDatabaseAsync(name, ct);
            _databases[service] = (name, runtime, owner);
        }
    }

    // Where the charts name each other by Service (http://identity:8080, http://grid:8081), the local address of that
    // service when it runs here too: given as values, as a platform team would give its own addresses.
    private List<string> LocalValues(string service)
    {
        var values = new List<string>();
        if (_ports.TryGetValue("identity", out var identity))
        {
            values.Add($"auth.issuer=http://127.0.0.1:{identity.Http}");
            if (service == "video-alert") values.Add($"config.VideoAlert__Grid__TokenEndpoint=http://127.0.0.1:{identity.Http}/connect/token");
            if (service == "search") values.Add($"config.Search__Grid__TokenEndpoint=http://127.0.0.1:{identity.Http}/connect/token");
        }
        if (_ports.TryGetValue("grid", out var grid))
        {
            if (service == "video-alert") values.Add($"config.VideoAlert__Grid__Address=http://127.0.0.1:{grid.Grpc}");
            if (service == "population") values.Add($"config.Population__Grid__Address=http://127.0.0.1:{grid.Grpc}");
            if (service == "search") values.Add($"config.Search__Grid__Address=http://127.0.0.1:{grid.Grpc}");
        }
        // No Elasticsearch server can run on this machine (STACK.md): search runs its embedded Lucene backend, its index in
        // the run's directory (the pod's would be a volume); the Elasticsearch Secret the chart names holds an empty URL.
        if (service == "search")
            values.AddRange(["config.Search__Backend=lucene", $"config.Search__LuceneDirectory={Path.Combine(WorkDirectory, "search", "index")}"]);
        if (service == "identity")
            values.AddRange([$"config.Identity__Bootstrap__Root__Code={RootCode}", "config.Identity__Bootstrap__Root__Name=格尔木市",
                "config.Identity__Bootstrap__Root__Level=county", $"config.Identity__Bootstrap__Admin__UserName={AdminUserName}"]);
        if (_options.Values.TryGetValue(service, out var extra)) values.AddRange(extra);
        return values;
    }

    /// <summary>Runs each service's migration Job command (<c>dotnet &lt;Host&gt;.dll migrate</c>) as its owner role, side by side.</summary>
    public async Task<IReadOnlyDictionary<string, TimeSpan>> MigrateAsync(IEnumerable<string> services, CancellationToken ct)
    {
        var took = new ConcurrentDictionary<string, TimeSpan>();
        await Task.WhenAll(services.Select(async service =>
        {
            var watch = Stopwatch.StartNew();
            var start = StartInfo(service, _charts[service].Job);
            start.RedirectStandardOutput = start.RedirectStandardError = true;
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{service} migrate did not start");
            var output = process.StandardOutput.ReadToEndAsync(ct);
            var error = process.StandardError.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            await File.WriteAllTextAsync(Path.Combine(WorkDirectory, $"{service}.migrate.log"), await output + await error, ct);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{service}: {string.Join(' ', _charts[service].Job.Command)} exited {process.ExitCode}:\n{await output}\n{await error}");
            took[service] = watch.Elapsed;
        }));
        return took;
    }

    /// <summary>Starts <paramref name="service"/>'s host (again, after a kill: same environment, ports and database).</summary>
    public ServiceProcess Start(string service)
    {
        var process = _processes.GetOrAdd(service, s => new ServiceProcess(s, StartInfo(s, _charts[s].Pod), _ports[s].Http, _ports[s].Grpc,
            Path.Combine(WorkDirectory, $"{s}.log")));
        process.Start();
        return process;
    }

    public async Task StartAndWaitAsync(IEnumerable<string> services, TimeSpan timeout, CancellationToken ct)
    {
        var started = services.Select(Start).ToList();
        await Task.WhenAll(started.Select(p => p.WaitReadyAsync(timeout, ct)));
    }

    // The container's environment and nothing else from this process but PATH and DOTNET_ROOT: the chart's plain env,
    // its secrets supplied here, then what must differ on one machine (listed in README.md).
    private ProcessStartInfo StartInfo(string service, ContainerEnvironment container)
    {
        var assembly = container.Command[1];
        var bin = HostDirectory(service, Path.GetFileNameWithoutExtension(assembly));
        var start = new ProcessStartInfo(container.Command[0]) { WorkingDirectory = bin, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(bin, assembly));
        foreach (var argument in container.Command.Skip(2)) start.ArgumentList.Add(argument);
        var path = start.Environment["PATH"];
        var dotnetRoot = start.Environment.TryGetValue("DOTNET_ROOT", out var root) ? root : null;
        start.Environment.Clear();
        start.Environment["PATH"] = path;
        if (dotnetRoot is not null) start.Environment["DOTNET_ROOT"] = dotnetRoot;
        foreach (var (name, value) in container.Env) start.Environment[name] = value;
        foreach (var secret in container.Secrets)
            if (SecretValue(service, secret) is { } value) start.Environment[secret.Env] = value;

        // The pod's /tmp is an emptyDir of its own (HOME=/tmp in the chart): here a directory per service.
        var tmp = Directory.CreateDirectory(Path.Combine(WorkDirectory, service, "tmp")).FullName;
        if (start.Environment.TryGetValue("HOME", out var home) && home == "/tmp") start.Environment["HOME"] = tmp;
        start.Environment["TMPDIR"] = tmp;
        // One address for every pod: each listens on 127.0.0.1 on ports of its own instead of 0.0.0.0:8080/8081.
        start.Environment["Hosting__BindAddress"] = "127.0.0.1";
        start.Environment["Hosting__HttpPort"] = _ports[service].Http.ToString();
        start.Environment["Hosting__GrpcPort"] = _ports[service].Grpc.ToString();
        if (start.Environment.ContainsKey("VideoAlert__Sip__Port"))
        {
            start.Environment["VideoAlert__Sip__Host"] = "127.0.0.1";
            start.Environment["VideoAlert__Sip__Port"] = "0";
        }
        return start;
    }

    private string? SecretValue(string service, SecretReference secret)
    {
        if (secret.Key == "connection-string")
            return secret.Env == "ConnectionStrings__rabbitmq" ? Servers.RabbitMqIn(Vhost) : _databases[service].Runtime;
        if (secret.Key == "owner-connection-string") return _databases[service].Owner;
        if (Secrets.TryGetValue($"{secret.Name}/{secret.Key}", out var given)) return given;
        if (secret.Optional) return null;
        return Secrets.GetOrAdd($"{secret.Name}/{secret.Key}", _ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    private string HostDirectory(string service, string assembly)
    {
        var configuration = typeof(ClusterTopology).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "HostConfiguration")?.Value ?? "Release";
        var bin = Path.Combine(_tools.RepositoryRoot, "services", service, assembly, "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(bin, assembly + ".dll"))
            ? bin
            : throw new InvalidOperationException($"{assembly}.dll not in {bin}: dotnet build services/{service}/{assembly} -c {configuration}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops every host by its PID (SIGTERM, then SIGKILL), drops the databases and roles and the vhost.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_processes.Values.Select(p => p.StopAsync(TimeSpan.FromSeconds(10))));
        using var cleanup = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        foreach (var database in _created)
        {
            try { await Servers.DropDatabaseAsync(database, cleanup.Token); } catch (Exception e) { Console.Error.WriteLine($"drop {database}: {e.Message}"); }
        }
        if (_vhostCreated)
        {
            try { await Servers.DeleteVhostAsync(Vhost, cleanup.Token); } catch (Exception e) { Console.Error.WriteLine($"delete vhost {Vhost}: {e.Message}"); }
        }
        if (Environment.GetEnvironmentVariable("GOVERNANCE_CLUSTER_KEEP_LOGS") != "1")
            try { Directory.Delete(WorkDirectory, recursive: true); } catch (IOException) { }
    }
}
