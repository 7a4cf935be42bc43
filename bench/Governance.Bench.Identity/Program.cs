using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Governance.Bench.Identity;
using Npgsql;

// Tokens issued per second (client_credentials over real HTTP, a few concurrent callers: each
// token is a client lookup, an ES256 signature and an audit row in PostgreSQL), then requests
// per second on a trivial endpoint of a consuming service with a bearer token (ES256 validation
// against the cached JWKS) beside the same endpoint anonymous, alternating in one run.
// Needs PostgreSQL on 127.0.0.1 (bench/run-identity.sh starts it).
var seconds = ArgInt("--seconds", 10);
var rounds = ArgInt("--rounds", 3);
var issuers = ArgInt("--issuers", 4);
var validators = ArgInt("--validators", 32);
var server = Environment.GetEnvironmentVariable("GOVERNANCE_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres";

var database = "bench_identity_" + Guid.NewGuid().ToString("n")[..12];
await Sql(server, $"CREATE DATABASE \"{database}\"");
try
{
    var (identity, identityUri, secret) = await BenchHosts.StartIdentityAsync(
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString, FreePort());
    var (consumer, consumerUri) = await BenchHosts.StartConsumerAsync(identityUri.ToString().TrimEnd('/'));
    var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BenchHosts.ClientId}:{secret}")));
    using var identityHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = identityUri };
    using var consumerHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = consumerUri };

    Task<HttpResponseMessage> IssueAsync(HttpClient http)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = basic;
        return http.SendAsync(request);
    }

    var tokenResponse = await IssueAsync(identityHttp);
    var token = JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
    var bearer = new AuthenticationHeaderValue("Bearer", token);
    Task<HttpResponseMessage> AuthenticatedAsync(HttpClient http)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/authenticated");
        request.Headers.Authorization = bearer;
        return http.SendAsync(request);
    }
    Task<HttpResponseMessage> AnonymousAsync(HttpClient http) => http.GetAsync("/anonymous");

    // Warm-up: JIT, connection pools, the consumer's JWKS fetch.
    await Load.PerSecondAsync(issuers, TimeSpan.FromSeconds(2), IssueAsync, identityHttp);
    await Load.PerSecondAsync(validators, TimeSpan.FromSeconds(2), AuthenticatedAsync, consumerHttp);
    await Load.PerSecondAsync(validators, TimeSpan.FromSeconds(2), AnonymousAsync, consumerHttp);

    var duration = TimeSpan.FromSeconds(seconds);
    var issued = new List<double>();
    var authenticated = new List<double>();
    var anonymous = new List<double>();
    Console.WriteLine($"{Environment.ProcessorCount} cores; {rounds} rounds of {seconds} s; {issuers} callers issuing, {validators} calling the consumer");
    for (var round = 1; round <= rounds; round++)
    {
        issued.Add(await Load.PerSecondAsync(issuers, duration, IssueAsync, identityHttp));
        authenticated.Add(await Load.PerSecondAsync(validators, duration, AuthenticatedAsync, consumerHttp));
        anonymous.Add(await Load.PerSecondAsync(validators, duration, AnonymousAsync, consumerHttp));
        Console.WriteLine($"  round {round}: tokens issued {issued[^1],8:N0}/s   consumer authenticated {authenticated[^1],8:N0} req/s   anonymous {anonymous[^1],8:N0} req/s");
    }
    Console.WriteLine($"  median:  tokens issued {Median(issued),8:N0}/s   consumer authenticated {Median(authenticated),8:N0} req/s   anonymous {Median(anonymous),8:N0} req/s   (authenticated/anonymous {Median(authenticated) / Median(anonymous):P0})");
    await consumer.StopAsync();
    await identity.StopAsync();
}
finally
{
    NpgsqlConnection.ClearAllPools();
    await Sql(server, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
}
return 0;

int ArgInt(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static int FreePort()
{
    using var socket = new TcpListener(IPAddress.Loopback, 0);
    socket.Start();
    return ((IPEndPoint)socket.LocalEndpoint).Port;
}

static async Task Sql(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}
