using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Governance.Bench.Identity;
using Governance.Identity.Clients;

// Tokens issued per second (client_credentials over real HTTP, --issuers concurrent callers: each
// token is a client lookup, kept in memory between requests, an ES256 signature and an audit row
// committed in PostgreSQL; beside it, in the same rounds, the same identity reading the client from
// the database for every token, the baseline), then requests
// per second on a trivial endpoint of a consuming service (JwtBearer) with a bearer token beside
// the same endpoint anonymous, alternating in one run. The authenticated callers cycle through
// --tokens distinct tokens (10,000 by default), as many clients would send: every request pays
// for an ES256 verification on the consumer running JwtBearer alone; a second consumer has the
// validated-token cache on (each token comes back every --tokens requests).
// Needs PostgreSQL on 127.0.0.1 (bench/run-identity.sh starts it); identity runs on the shared ServiceTestHost.
var seconds = ArgInt("--seconds", 10);
var rounds = ArgInt("--rounds", 3);
var issuers = ArgInt("--issuers", 4);
var validators = ArgInt("--validators", 32);
var distinct = ArgInt("--tokens", 10_000);
var secret = ClientSecrets.NewSecret();
// On a fresh database, which goes when the host is disposed, whatever happens.
await using var identity = await BenchHosts.StartIdentityAsync(secret);
// The baseline of the same run: the same identity reading its client from the database for every token.
await using var uncachedIdentity = await BenchHosts.StartIdentityAsync(secret, TimeSpan.Zero);
await CodeFlow.SeedAsync(identity);
var identityUri = identity.Http;
var (consumer, consumerUri) = await BenchHosts.StartConsumerAsync(identityUri.ToString().TrimEnd('/'), cacheSize: 0);
var (cached, cachedUri) = await BenchHosts.StartConsumerAsync(identityUri.ToString().TrimEnd('/'), cacheSize: 20_000);
var basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{BenchHosts.ClientId}:{secret}")));
using var identityHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = identityUri };
using var uncachedHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = uncachedIdentity.Http };
using var consumerHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = consumerUri };
using var cachedHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = cachedUri };

Task<HttpResponseMessage> IssueAsync(HttpClient http)
{
    var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
    {
        Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
    };
    request.Headers.Authorization = basic;
    return http.SendAsync(request);
}

async Task<string> TokenAsync()
{
    using var response = await IssueAsync(identityHttp);
    return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("access_token").GetString()!;
}
var tokens = new string[distinct];
var issuing = Stopwatch.StartNew();
await Parallel.ForAsync(0, distinct, new ParallelOptions { MaxDegreeOfParallelism = 2 * issuers }, async (i, _) => tokens[i] = await TokenAsync());
Console.WriteLine($"{distinct:N0} distinct tokens issued in {issuing.Elapsed.TotalSeconds:N1} s");
// Each consumer walks the tokens in its own order, so that each sees every token once per cycle.
Func<HttpClient, Task<HttpResponseMessage>> Authenticated()
{
    long next = -1;
    return http =>
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/authenticated");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[Interlocked.Increment(ref next) % distinct]);
        return http.SendAsync(request);
    };
}
var AuthenticatedAsync = Authenticated();
var AuthenticatedCachedAsync = Authenticated();
Task<HttpResponseMessage> AnonymousAsync(HttpClient http) => http.GetAsync("/anonymous");

// Warm-up: JIT, connection pools, the consumers' key fetch, and one pass over every token on
// each consumer: the steady state of clients that keep their token for its lifetime.
await Load.PerSecondAsync(issuers, TimeSpan.FromSeconds(2), IssueAsync, identityHttp);
await Load.PerSecondAsync(issuers, TimeSpan.FromSeconds(2), IssueAsync, uncachedHttp);
await Load.CountAsync(validators, distinct, AuthenticatedAsync, consumerHttp);
await Load.CountAsync(validators, distinct, AuthenticatedCachedAsync, cachedHttp);
await Load.PerSecondAsync(validators, TimeSpan.FromSeconds(2), AnonymousAsync, consumerHttp);

var duration = TimeSpan.FromSeconds(seconds);
Task<HttpResponseMessage> SignInAsync(HttpClient _) => CodeFlow.SignInAsync(identityUri);
await Load.PerSecondAsync(issuers, TimeSpan.FromSeconds(2), SignInAsync, identityHttp);
var signIns = new List<double>();
var hashes = new List<double>();
var issued = new List<double>();
var issuedUncached = new List<double>();
var authenticated = new List<double>();
var authenticatedCached = new List<double>();
var anonymous = new List<double>();
Console.WriteLine($"{Environment.ProcessorCount} cores; {rounds} rounds of {seconds} s; {issuers} callers issuing, {validators} calling the consumer with {distinct:N0} distinct tokens");
for (var round = 1; round <= rounds; round++)
{
    issued.Add(await Load.PerSecondAsync(issuers, duration, IssueAsync, identityHttp));
    issuedUncached.Add(await Load.PerSecondAsync(issuers, duration, IssueAsync, uncachedHttp));
    authenticated.Add(await Load.PerSecondAsync(validators, duration, AuthenticatedAsync, consumerHttp));
    anonymous.Add(await Load.PerSecondAsync(validators, duration, AnonymousAsync, consumerHttp));
    authenticatedCached.Add(await Load.PerSecondAsync(validators, duration, AuthenticatedCachedAsync, cachedHttp));
    signIns.Add(await Load.PerSecondAsync(issuers, duration, SignInAsync, identityHttp));
    hashes.Add(CodeFlow.HashesPerSecond(identity, duration));
    Console.WriteLine($"  round {round}: tokens issued {issued[^1],6:N0}/s   JwtBearer {authenticated[^1],7:N0} req/s   anonymous {anonymous[^1],7:N0} req/s   JwtBearer + validated-token cache {authenticatedCached[^1],7:N0} req/s");
    Console.WriteLine($"           code-flow sign-ins {signIns[^1],6:N1}/s   PBKDF2 verifications alone {hashes[^1],6:N1}/s   tokens issued reading the client every time {issuedUncached[^1],6:N0}/s");
}
Console.WriteLine($"  median:  tokens issued {Median(issued),6:N0}/s   JwtBearer {Median(authenticated),7:N0} req/s   anonymous {Median(anonymous),7:N0} req/s   JwtBearer + validated-token cache {Median(authenticatedCached),7:N0} req/s");
Console.WriteLine($"  median:  tokens issued reading the client every time {Median(issuedUncached),6:N0}/s   kept/read every time {Median(issued) / Median(issuedUncached):P0}");
Console.WriteLine($"  authenticated/anonymous: JwtBearer {Median(authenticated) / Median(anonymous):P0}, with the cache {Median(authenticatedCached) / Median(anonymous):P0}");
Console.WriteLine($"  median:  code-flow sign-ins {Median(signIns),6:N1}/s   PBKDF2 verifications alone {Median(hashes),6:N1}/s   sign-ins/hashes {Median(signIns) / Median(hashes):P0}");
await cached.StopAsync();
await consumer.StopAsync();
return 0;

int ArgInt(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
