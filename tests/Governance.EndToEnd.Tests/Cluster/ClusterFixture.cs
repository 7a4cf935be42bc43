using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.ClusterLocal;
using Npgsql;

namespace Governance.EndToEnd.Tests.Cluster;

/// <summary>
/// The cluster topology (deploy/cluster-local) for one test class: the seven service hosts (search on its embedded Lucene
/// backend: no Elasticsearch server can run here), each its own process with the
/// environment its chart renders, its own database migrated by the chart's Job command as the owner role, one RabbitMQ
/// vhost for the run. Then set up as a platform team and a county's administrators would, through the services' own
/// APIs: the first admin signs in to identity on the sign-in page (own password, TOTP), creates the street and community
/// (which reach grid through RabbitMQ), a second community, and the clients: video-alert's router and search's indexer
/// (each host starts with its client's secret), the street centre's desk, the street's mediator, and the other
/// community's desk, which must not see the first community's records; grid gets
/// the community's grid cell and an Open311 key; video-alert a webhook source and two cameras (placed by grid over gRPC).
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string Street = "632801/001";
    public const string Community = "632801/001/002";
    public const string OtherCommunity = "632801/001/003";
    public const string Redirect = "http://127.0.0.1:9/console-callback";
    public const string Camera1 = "63280100001320000001";
    public const string Camera2 = "63280100001320000002";
    // Inside the grid cell imported below (94.90-94.91 E, 36.40-36.41 N).
    public const double Longitude = 94.905, Latitude = 36.405;
    // The charts' startup probe allows 3 minutes; seven hosts starting at once on two cores that other test classes share
    // may take longer (195 s from the start of migrations on this machine under a load average of 40), so the test waits 5.
    public static readonly TimeSpan Ready = TimeSpan.FromMinutes(5);

    public string? Missing { get; private set; }
    public ClusterTopology Topology { get; private set; } = null!;
    public string AdminToken { get; private set; } = "";
    public string Open311Key { get; private set; } = "";
    public string WebhookKey { get; private set; } = "";
    private readonly Dictionary<string, string> _clientSecrets = [];

    /// <summary>Measured while starting: printed by the tests, kept in the README's figures.</summary>
    public List<string> Figures { get; } = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Missing = new ChartTools().Missing();
        if (Missing is not null) return;
        var watch = Stopwatch.StartNew();
        Topology = await ClusterTopology.PrepareAsync(new ClusterOptions
        {
            Values = new()
            {
                ["identity"] = [$"config.Identity__OAuth__ConsoleRedirectUris__0={Redirect}"],
                // Mediation takes one message at a time (a setting a platform may choose: strict order, MessagingOptions), so
                // that the kill below lands between hand-overs: with the defaults it takes all sixteen in one go.
                ["mediation"] = ["config.Messaging__PrefetchCount=1", "config.Messaging__ConcurrentMessageLimit=1", "config.Messaging__InboxBatchSize=1"],
            },
        }, Ct);
        Figures.Add($"rendered and databases made: {watch.Elapsed.TotalSeconds:F0} s");
        try
        {
            await StartAndSetUpAsync(watch);
        }
        catch
        {
            // A fixture that fails to start is not disposed by the runner: stop what runs and drop what was made here.
            await Topology.DisposeAsync();
            Topology = null!;
            throw;
        }
    }

    private async Task StartAndSetUpAsync(Stopwatch watch)
    {
        var migrated = await Topology.MigrateAsync(Topology.Services, Ct);
        Figures.Add($"migrations side by side: {watch.Elapsed.TotalSeconds:F0} s ({string.Join(", ", migrated.Select(m => $"{m.Key} {m.Value.TotalSeconds:F0} s"))})");

        // Everything but video-alert and search at once: each needs the secret of a client only identity can make.
        string[] first = ["identity", "grid", "mediation", "population", "assessment"];
        foreach (var service in first) Topology.Start(service);
        await Topology["identity"].WaitReadyAsync(Ready, Ct);
        var identity = Topology["identity"].Http;
        (AdminToken, _) = await ConsoleSignIn.FirstAdminAsync(identity, ClusterTopology.AdminUserName, Topology.AdminPassword,
            "Kunlun-Cluster-Keeper-2026", Redirect, Ct);
        using var admin = Client(identity, AdminToken);
        await PostAsync(admin, "/api/identity/org-nodes", new { parentPath = "632801", code = "001", name = "昆仑路街道", level = "street" }, HttpStatusCode.Created);
        await PostAsync(admin, "/api/identity/org-nodes", new { parentPath = Street, code = "002", name = "金峰社区", level = "community" }, HttpStatusCode.Created);
        await PostAsync(admin, "/api/identity/org-nodes", new { parentPath = Street, code = "003", name = "河西社区", level = "community" }, HttpStatusCode.Created);
        var router = await PostAsync(admin, "/api/identity/clients", new
        {
            clientId = "video-alert", name = "视频告警路由", grantTypes = new[] { "client_credentials" }, scopes = new[] { "governance" },
            orgPath = "632801", roles = new[] { "video_alert_service" }, @public = false,
        }, HttpStatusCode.Created);
        Topology.Secrets["video-alert-grid-client/client-secret"] = router.GetProperty("secret").GetString()!;
        // Search's service account: reads incidents' title, description and address from grid over gRPC for the index.
        var indexer = await PostAsync(admin, "/api/identity/clients", new
        {
            clientId = "search", name = "检索服务", grantTypes = new[] { "client_credentials" }, scopes = new[] { "governance" },
            orgPath = "632801", roles = new[] { "search_service" }, @public = false,
        }, HttpStatusCode.Created);
        Topology.Secrets["search-grid-client/client-secret"] = indexer.GetProperty("secret").GetString()!;
        foreach (var (client, name, org, role) in new[]
        {
            (CentreDesk, "街道综治中心坐席", Street, "centre_operator"), (StreetMediator, "街道调解员", Street, "mediator"),
            (OtherDesk, "河西社区坐席", OtherCommunity, "centre_operator"),
        })
        {
            var made = await PostAsync(admin, "/api/identity/clients", new
            {
                clientId = client, name, grantTypes = new[] { "client_credentials" }, scopes = new[] { "governance" }, orgPath = org, roles = new[] { role },
                @public = false,
            }, HttpStatusCode.Created);
            _clientSecrets[client] = made.GetProperty("secret").GetString()!;
        }
        Topology.Start("video-alert");
        Topology.Start("search");
        await Task.WhenAll(Topology.Services.Select(s => Topology[s].WaitReadyAsync(Ready, Ct)));
        Figures.Add($"all {Topology.Services.Count} ready and gRPC SERVING: {watch.Elapsed.TotalSeconds:F0} s after the start, " +
            string.Join(", ", Topology.Services.Select(s => $"{s} {Topology[s].ResidentMiB()} MiB")));

        // The community crossed identity's outbox and RabbitMQ into grid's copy of the org tree.
        await UntilAsync(() => CountAsync("grid", "SELECT count(*) FROM org_nodes WHERE \"Path\" = @p", ("p", Community)), n => n == 1,
            "identity's community in grid's org_nodes");
        using var grid = Client(Topology["grid"].Http, AdminToken);
        var square = new[] { new[] { 94.90, 36.40 }, new[] { 94.91, 36.40 }, new[] { 94.91, 36.41 }, new[] { 94.90, 36.41 }, new[] { 94.90, 36.40 } };
        var cells = JsonSerializer.Serialize(new
        {
            type = "FeatureCollection",
            features = new[] { new { type = "Feature", properties = new { sequence = "001", name = "第001网格", type = "residential_compound", households = 400 },
                geometry = new { type = "Polygon", coordinates = new[] { square } } } },
        });
        var imported = await grid.PostAsync($"/api/grid/cells/import?community={Community}", new StringContent(cells, Encoding.UTF8, "application/geo+json"), Ct);
        Assert.True(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync(Ct));
        Open311Key = (await PostAsync(grid, "/api/grid/open311/clients", new { name = "城市随手拍" }, HttpStatusCode.Created)).GetProperty("apiKey").GetString()!;

        using var video = Client(Topology["video-alert"].Http, AdminToken);
        WebhookKey = (await PostAsync(video, "/api/videoalert/sources", new { name = "AI分析盒", orgPath = "632801" }, HttpStatusCode.Created))
            .GetProperty("apiKey").GetString()!;
        foreach (var (camera, offset) in new[] { (Camera1, 0.0), (Camera2, 0.001) })
            await PostAsync(video, "/api/videoalert/cameras", new
            {
                deviceId = camera, name = "金峰社区路口", longitude = Longitude + offset, latitude = Latitude, owner = "public", keyArea = false,
                password = "Camera-Secret-2026",
            }, HttpStatusCode.Created);
        Figures.Add($"set up through the APIs: {watch.Elapsed.TotalSeconds:F0} s after the start");
    }

    public const string CentreDesk = "centre-desk", StreetMediator = "street-mediator", OtherDesk = "other-community-desk";

    /// <summary>A client-credentials token of the street centre's desk, from identity.</summary>
    public Task<string> CentreTokenAsync() => TokenAsync(CentreDesk);

    /// <summary>A client-credentials token from identity of one of the clients made above.</summary>
    public async Task<string> TokenAsync(string client)
    {
        using var http = new HttpClient { BaseAddress = Topology["identity"].Http };
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = client, ["client_secret"] = _clientSecrets[client], ["scope"] = "governance",
        }), Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.IsSuccessStatusCode, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    public static HttpClient Client(Uri address, string? token = null)
    {
        var http = new HttpClient { BaseAddress = address };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{client.BaseAddress}{path.TrimStart('/')}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement;
    }

    /// <summary>One number from <paramref name="service"/>'s database, read as the server's superuser.</summary>
    public async Task<long> CountAsync(string service, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Topology.DatabaseOf(service));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct));
    }

    /// <summary>Asks again until <paramref name="holds"/> or two minutes pass: facts cross processes and a broker on a busy machine.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> holds, string what)
    {
        var until = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var value = await read();
            if (holds(value)) return value;
            Assert.True(DateTime.UtcNow < until, $"{what}: not within two minutes; last seen {JsonSerializer.Serialize(value)}");
            await Task.Delay(200, Ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Topology is not null) await Topology.DisposeAsync();
    }
}
