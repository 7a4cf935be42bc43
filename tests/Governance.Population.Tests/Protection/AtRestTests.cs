using System.Text;
using Governance.Population.Tests.Infrastructure;
using Npgsql;

namespace Governance.Population.Tests.Protection;

/// <summary>
/// The stored bytes hold no identity, phone or permit number in plain text: what a stolen disk, a
/// backup or a careless dump would show. The person's name is stored as it is, which proves each scan
/// reads the rows it claims to.
/// </summary>
public sealed class AtRestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Secrets = [People.ZhangId, People.LiId, People.Phone, "09798412345", "0979-8412345", "QH2026000123",
        // The middle of a number, in case something stored part of it.
        "19900307", "19491231002"];

    private static async Task RegisterTwoAsync(PopulationHost host)
    {
        await People.RegisterAsync(host.GridWorker(), People.Registered());
        await People.RegisterAsync(host.GridWorker(), People.Floating());
    }

    private static void AssertNoSecretIn(byte[] bytes, string where)
    {
        foreach (var secret in Secrets)
        {
            foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
                Assert.True(bytes.AsSpan().IndexOf(encoding.GetBytes(secret)) < 0, $"{where} holds {secret} in plain text ({encoding.WebName}).");
            // As PostgreSQL's text form of bytea would show it.
            Assert.DoesNotContain(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)), Encoding.UTF8.GetString(bytes));
        }
        Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes("张三")) >= 0, $"{where} does not hold the name: the scan read nothing.");
    }

    [Fact]
    public async Task PostgreSQL_rows_and_the_heap_file_hold_no_number_in_plain_text()
    {
        await using var host = await PopulationHost.StartAsync();
        await RegisterTwoAsync(host);
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Ct);

        // Whole rows as text, every column.
        var rows = new StringBuilder();
        await using (var command = new NpgsqlCommand("SELECT p::text FROM persons p", connection))
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) rows.AppendLine(reader.GetString(0));
        AssertNoSecretIn(Encoding.UTF8.GetBytes(rows.ToString()), "a row of persons");

        // The relation's files on disk, after a checkpoint has written the pages out (the tests run as the server's superuser).
        await using (var checkpoint = new NpgsqlCommand("CHECKPOINT", connection)) await checkpoint.ExecuteNonQueryAsync(Ct);
        foreach (var relation in new[] { "persons", "IX_persons_DocumentHash" })
        {
            await using var file = new NpgsqlCommand($"SELECT pg_read_binary_file(pg_relation_filepath('\"{relation}\"'))", connection);
            var bytes = (byte[])(await file.ExecuteScalarAsync(Ct))!;
            Assert.NotEmpty(bytes);
            if (relation == "persons") AssertNoSecretIn(bytes, "the heap file of persons");
            else foreach (var secret in Secrets) Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"the hash index holds {secret}");
        }
    }

    [Fact]
    public async Task The_SQLite_file_and_its_log_hold_no_number_in_plain_text()
    {
        await using var host = await PopulationHost.StartAsync(sqlite: true);
        await RegisterTwoAsync(host);
        // Read while the service runs, as a copy taken then would be: the write-ahead log may hold rows the main file does not yet.
        var bytes = new List<byte>();
        foreach (var path in new[] { host.SqliteFile, host.SqliteFile + "-wal" }.Where(File.Exists))
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            bytes.AddRange(copy.ToArray());
        }
        AssertNoSecretIn([.. bytes], "the SQLite files");
    }
}
