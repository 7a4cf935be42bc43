using System.Diagnostics;
using Governance.Search.Backends;
using Governance.Search.Backends.Lucene;

// Search's embedded backend (Lucene.Net + SmartCn) at N documents (default 1,000,000), one process, on disk:
// indexing throughput in bulks of 10,000 (each committed and made searchable, as the indexer does), then query
// latency with the permission filter of a centre operator (incidents and disputes in 3 of 40 streets) and of a
// county-wide caller, each with a Chinese word, a filter and facets. Usage: Governance.Bench.Search [documents] [queries] [street|county]
// "lag [rate] [seconds]" runs LagBench instead (bench/run-search-lag.sh: the event → searchable lag on a live host).
if (args.Length > 0 && args[0] == "lag") { Environment.ExitCode = await Governance.Bench.Search.LagBench.RunAsync(args[1..]); return; }
var total = args.Length > 0 ? int.Parse(args[0]) : 1_000_000;
var queries = args.Length > 1 ? int.Parse(args[1]) : 1_000;
var only = args.Length > 2 ? args[2] : null; // "street" or "county": one caller's queries only (for a profile)
var directory = Path.Combine(Path.GetTempPath(), "governance-bench-search-" + Guid.NewGuid().ToString("n"));
var random = new Random(16);
string[] types = ["incident", "dispute", "house", "alert", "camera", "grid"];
string[] sentences =
[
    "邻里之间因噪音问题发生矛盾纠纷，双方多次争吵", "小区东门道路积水严重，影响居民出行", "楼上装修噪音扰民，协商未果", "路灯损坏，夜间行人通行不便",
    "视频告警 火情 烟雾，已派遣处置", "出租房屋 消防通道堵塞，需要整改", "物业纠纷 停车位 收费争议", "劳动争议 拖欠工资 农民工",
];
string[] statuses = ["reported", "dispatched", "closed", "open", "registered", "settled"];
string[] categories = ["road", "neighbour", "property_management", "labour", "fire_smoke", "room"];
string Org(int street, int community) => $"632801/{street:000}/{community:000}";
var t0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

using var backend = new LuceneBackend(directory);
var process = Process.GetCurrentProcess();
var cpu = process.TotalProcessorTime; // CPU per document and per query: a figure the shared machine's load moves far less than the wall clock
var watch = Stopwatch.StartNew();
for (var start = 0; start < total; start += 10_000)
{
    var batch = new List<IndexDocument>(10_000);
    for (var n = start; n < Math.Min(total, start + 10_000); n++)
    {
        var type = types[n % types.Length];
        var street = random.Next(1, 41);
        batch.Add(new IndexDocument($"{type}:{n}", type, n.ToString(), $"{type} {n:D8}", $"{sentences[random.Next(sentences.Length)]} 编号{n}",
            Org(street, random.Next(1, 13)), $"632801{street:000}{random.Next(1, 13):000}{random.Next(1, 30):000}", statuses[random.Next(statuses.Length)],
            categories[random.Next(categories.Length)], t0.AddMinutes(n)));
    }
    await backend.IndexAsync(batch, CancellationToken.None);
}
var seconds = watch.Elapsed.TotalSeconds;
backend.WaitForMerges(); // their CPU counts to indexing, and none runs while queries are timed
process.Refresh();
var indexCpu = (process.TotalProcessorTime - cpu).TotalMilliseconds;
Console.WriteLine($"indexed {total:N0} documents in {seconds:F1} s: {total / seconds:N0} docs/s (bulks of 10,000, each committed and searchable), " +
    $"CPU {indexCpu * 1000 / total:F0} µs per document (background merges included) on {Environment.ProcessorCount} cores");
var size = Directory.GetFiles(directory).Sum(f => new FileInfo(f).Length);
Console.WriteLine($"index on disk: {size / 1024.0 / 1024.0:F0} MiB");

ScopeGrant[] streetOperator = [new("incident", ["632801/003", "632801/017", "632801/029"]), new("dispute", ["632801/003", "632801/017", "632801/029"])];
ScopeGrant[] county = [.. types.Select(t => new ScopeGrant(t, ["632801"]))];
string[] words = ["噪音", "积水", "路灯", "纠纷", "火情", "停车位", "工资"];
foreach (var (name, scope) in new[] { ("street operator (2 types, 3 streets)", streetOperator), ("county-wide (6 types)", county) })
{
    if (only is not null && !name.StartsWith(only, StringComparison.Ordinal)) continue;
    foreach (var sort in new[] { SearchSort.Relevance, SearchSort.Time })
    {
        var times = new List<double>(queries);
        long hits = 0;
        var queryCpu = TimeSpan.Zero;
        for (var i = 0; i < queries + 50; i++)
        {
            var query = new SearchQuery(words[i % words.Length], [], null, null, i % 3 == 0 ? t0.AddMinutes(random.Next(total / 2)) : null, null,
                i % 4 == 0 ? ["closed", "open"] : [], [], sort, 1 + i % 3, 20, scope);
            if (i == 50) { process.Refresh(); queryCpu = process.TotalProcessorTime; }
            var started = Stopwatch.GetTimestamp();
            var result = await backend.SearchAsync(query, CancellationToken.None);
            if (i >= 50) times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds); // the first 50 warm the caches
            hits += result.Total;
        }
        process.Refresh();
        var cpuPerQuery = (process.TotalProcessorTime - queryCpu).TotalMilliseconds / queries;
        times.Sort();
        Console.WriteLine($"{name}, sort {sort.ToString().ToLowerInvariant()}: p50 {times[times.Count / 2]:F1} ms, p99 {times[(int)(times.Count * 0.99)]:F1} ms, " +
            $"CPU {cpuPerQuery:F1} ms per query, over {queries} queries with facets and highlight (mean {hits / (double)(queries + 50):N0} hits in scope)");
    }
}
backend.Dispose();
Directory.Delete(directory, true);
