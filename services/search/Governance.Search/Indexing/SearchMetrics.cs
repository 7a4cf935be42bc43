using System.Diagnostics.Metrics;

namespace Governance.Search.Indexing;

/// <summary>Search's instruments, on a meter every host listens to (<c>Governance.*</c>).</summary>
internal static class SearchMetrics
{
    private static readonly Meter Meter = new("Governance.Search");

    /// <summary>The lag: from the latest event of a record (its occurred-at) to the moment the record is searchable.</summary>
    public static readonly Histogram<double> Lag = Meter.CreateHistogram<double>(
        "governance.search.index.lag", "ms", "From a record's latest event to its document being searchable.");

    public static readonly Counter<long> Indexed = Meter.CreateCounter<long>(
        "governance.search.index.documents", "{document}", "Documents written to the search backend.");

    public static readonly Histogram<double> QueryTime = Meter.CreateHistogram<double>(
        "governance.search.query.duration", "ms", "Backend time of one search, permission filter included.");
}
