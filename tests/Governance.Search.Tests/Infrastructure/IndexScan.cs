using Lucene.Net.Index;
using Lucene.Net.Store;

namespace Governance.Search.Tests.Infrastructure;

/// <summary>Reads every stored value of every live document straight from a Lucene index on disk (what a copy of the files would give away).</summary>
public static class IndexScan
{
    public static List<string> StoredValues(string path)
    {
        using var directory = FSDirectory.Open(new DirectoryInfo(path));
        using var reader = DirectoryReader.Open(directory);
        var values = new List<string>();
        var live = MultiFields.GetLiveDocs(reader);
        for (var doc = 0; doc < reader.MaxDoc; doc++)
        {
            if (live is not null && !live.Get(doc)) continue;
            values.AddRange(reader.Document(doc).Fields.Select(f => f.GetStringValue() ?? f.GetInt64Value()?.ToString() ?? ""));
        }
        return values;
    }
}
