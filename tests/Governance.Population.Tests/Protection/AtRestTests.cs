using System.Net.Http.Json;
using System.Text;
using Governance.Population.Tests.Care;
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
        "19900307", "19491231002",
        // A care visit's findings, its next step and a case's closing reason: health and conduct, personal data as much as a number.
        CareNote, "每两周复诊", "病情稳定结案"];

    private const string CareNote = "按时服用氯氮平";

    private static async Task RegisterTwoAsync(PopulationHost host)
    {
        await People.RegisterAsync(host.GridWorker(), People.Registered());
        await People.RegisterAsync(host.GridWorker(), People.Floating());
        var elderly = await People.RegisterAsync(host.GridWorker(), People.Registered(CareClients.ResidentId(1), "王五", phone: null));
        var careCase = await CareClients.OpenAsync(host, elderly, "severe_mental_illness");
        using (var visit = await host.Worker1().PostAsJsonAsync($"/api/population/care/cases/{careCase}/visits",
            new { requestId = "visit-request-1", visitedOn = CareClients.Today, kind = "home", findings = CareNote, nextStep = "每两周复诊" }, Ct))
            visit.EnsureSuccessStatusCode();
        var second = await CareClients.OpenAsync(host, elderly, "elderly_alone");
        using (var closed = await host.Worker1().PostAsJsonAsync($"/api/population/care/cases/{second}/close", new { reason = "病情稳定结案" }, Ct))
            closed.EnsureSuccessStatusCode();
    }

    /// <param name="proof">What is stored in plain text there (a name, a visit's request id), to prove the scan read rows.</param>
    private static void AssertNoSecretIn(byte[] bytes, string where, string proof = "张三")
    {
        foreach (var secret in Secrets)
        {
            foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
                Assert.True(bytes.AsSpan().IndexOf(encoding.GetBytes(secret)) < 0, $"{where} holds {secret} in plain text ({encoding.WebName}).");
            // As PostgreSQL's text form of bytea would show it.
            Assert.DoesNotContain(Convert.ToHexStringLower(Encoding.UTF8.GetBytes(secret)), Encoding.UTF8.GetString(bytes));
        }
        Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(proof)) >= 0, $"{where} does not hold {proof}: the scan read nothing.");
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
        var careRows = new StringBuilder();
        foreach (var table in new[] { "care_visits", "care_cases" })
        {
            await using var command = new NpgsqlCommand($"SELECT t::text FROM {table} t", connection);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct)) careRows.AppendLine(reader.GetString(0));
        }
        AssertNoSecretIn(Encoding.UTF8.GetBytes(careRows.ToString()), "a row of care visits or cases", "visit-request-1");

        // The relation's files on disk, after a checkpoint has written the pages out (the tests run as the server's superuser).
        await using (var checkpoint = new NpgsqlCommand("CHECKPOINT", connection)) await checkpoint.ExecuteNonQueryAsync(Ct);
        AssertNoSecretIn(await FileOfAsync(connection, "care_visits"), "the heap file of care_visits", "visit-request-1");
        foreach (var relation in new[] { "persons", "IX_persons_DocumentHash" })
        {
            var bytes = await FileOfAsync(connection, relation);
            Assert.NotEmpty(bytes);
            if (relation == "persons") AssertNoSecretIn(bytes, "the heap file of persons");
            else foreach (var secret in Secrets) Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"the hash index holds {secret}");
        }
    }

    private static async Task<byte[]> FileOfAsync(NpgsqlConnection connection, string relation)
    {
        await using var file = new NpgsqlCommand($"SELECT pg_read_binary_file(pg_relation_filepath('\"{relation}\"'))", connection);
        return (byte[])(await file.ExecuteScalarAsync(Ct))!;
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
