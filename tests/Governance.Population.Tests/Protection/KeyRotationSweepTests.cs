using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Imports;
using Governance.Population.Protection;
using Governance.Population.Tests.Care;
using Governance.Population.Tests.Infrastructure;
using Governance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Governance.Population.Tests.Protection;

/// <summary>
/// The re-encryption sweep (<see cref="KeyRotation"/>) and the operator's view of the keys. One database: the
/// "old" host encrypts under key 1 alone (a replica before the rotation), the "rotated" host holds keys 1 and 2
/// with 2 current (after it); both with the schedule off, so only the sweeps a test asks for run. Every test
/// ends with nothing left under key 1.
/// </summary>
public sealed class KeyRotationSweepTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _one = PopulationHost.NewKey(), _two = PopulationHost.NewKey();
    private readonly EditingStages _stages = new();
    private PopulationHost _old = null!, _rotated = null!;

    /// <summary>Stands in for an editor whose edit lands between the sweep's read of a batch and its write.</summary>
    private sealed class EditingStages : KeyRotationStages
    {
        public Func<Task>? BeforePhones { get; set; }

        public override async Task BeforeWriteAsync(string column, CancellationToken ct)
        {
            if (column == "persons.phone" && BeforePhones is { } edit)
            {
                BeforePhones = null;
                await edit();
            }
        }
    }

    public async ValueTask InitializeAsync()
    {
        _old = await PopulationHost.StartAsync(new Dictionary<string, string?>
        {
            ["Population:Protection:Keys:1:Key"] = _one, ["Population:Protection:Rotation:Enabled"] = "false",
        });
        _rotated = await StartRotatedAsync(("1", _one), ("2", _two), enabled: false,
            configure: b => b.Services.AddSingleton<KeyRotationStages>(_stages));
    }

    public async ValueTask DisposeAsync()
    {
        await _rotated.DisposeAsync();
        await _old.DisposeAsync();
    }

    /// <summary>Another replica on the same database with <paramref name="keys"/>, the last current.</summary>
    private Task<PopulationHost> StartRotatedAsync((string Id, string Key)[] keys, bool enabled, Action<WebApplicationBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:population"] = _old.ConnectionString,
            ["Population:Protection:CurrentKey"] = keys[^1].Id,
            ["Population:Protection:Rotation:Enabled"] = enabled ? "true" : "false",
        };
        foreach (var (id, key) in keys) settings[$"Population:Protection:Keys:{id}:Key"] = key;
        return PopulationHost.StartAsync(settings, configure: configure);
    }

    private Task<PopulationHost> StartRotatedAsync((string, string) a, (string, string) b, bool enabled, Action<WebApplicationBuilder>? configure = null) =>
        StartRotatedAsync([a, b], enabled, configure);

    private static HttpClient Admin(PopulationHost host) => host.ClientAs("admin-1", PopulationHost.County, "admin");

    private static async Task<KeyRotation.Sweep> SweepAsync(PopulationHost host)
    {
        using var response = await Admin(host).PostAsync("/api/population/protection/re-encrypt", null, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<KeyRotation.Sweep>(Ct))!;
    }

    private static async Task<Dictionary<string, long>> UnderKeyAsync(PopulationHost host, string keyId)
    {
        var view = await Admin(host).GetFromJsonAsync<KeyRotation.KeysView>("/api/population/protection/keys", Ct);
        return view!.Columns.ToDictionary(c => c.Column, c => c.Keys.SingleOrDefault(k => k.KeyId == keyId)?.Count ?? 0);
    }

    /// <summary>The key id of every encrypted value in the rows of <paramref name="ids"/>, read from the raw bytes.</summary>
    private async Task<List<string>> StoredKeyIdsAsync(IEnumerable<Guid> persons, IEnumerable<Guid> cases)
    {
        await using var connection = new NpgsqlConnection(_old.ConnectionString);
        await connection.OpenAsync(Ct);
        var found = new List<string>();
        async Task ReadAsync(string sql, Guid[] ids)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("ids", ids);
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
                for (var i = 0; i < reader.FieldCount; i++)
                    if (!reader.IsDBNull(i)) found.Add(PersonalDataCipher.KeyIdOf((byte[])reader.GetValue(i)));
        }
        await ReadAsync("""SELECT "DocumentNumber", "Phone", "PermitNumber" FROM persons WHERE "Id" = ANY(@ids)""", persons.ToArray());
        await ReadAsync("""SELECT "ClosingReason" FROM care_cases WHERE "Id" = ANY(@ids)""", cases.ToArray());
        await ReadAsync("""SELECT "Findings", "NextStep" FROM care_visits WHERE "CaseId" = ANY(@ids)""", cases.ToArray());
        return found;
    }

    private static async Task<JsonElement> RevealAsync(PopulationHost host, Guid person)
    {
        using var response = await host.Investigator().PostAsJsonAsync($"/api/population/persons/{person}/reveal",
            new { purpose = "data_correction", fields = new[] { "documentNumber", "phone", "permitNumber" } }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<JsonElement> CaseAsync(PopulationHost host, Guid careCase) =>
        await host.Worker1().GetFromJsonAsync<JsonElement>($"/api/population/care/cases/{careCase}?{CareClients.Purpose}", Ct);

    [Fact]
    public async Task Values_under_the_retired_key_move_to_the_current_one_read_the_same_and_then_read_under_it_alone()
    {
        // Written before the rotation, under key 1.
        var zhang = await People.RegisterAsync(_old.GridWorker(), People.Registered());
        var li = await People.RegisterAsync(_old.GridWorker(), People.Floating());
        var elderly = await People.RegisterAsync(_old.GridWorker(), People.Registered(CareClients.ResidentId(7), "王五", phone: null));
        var visited = await CareClients.OpenAsync(_old, elderly, "elderly_alone");
        await _old.Worker1().VisitAsync(visited, "rotation-visit-1", CareClients.Today, findings: "血压偏高");
        var closed = await CareClients.OpenAsync(_old, elderly, "severe_mental_illness");
        using (var close = await _old.Worker1().PostAsJsonAsync($"/api/population/care/cases/{closed}/close", new { reason = "病情稳定结案" }, Ct))
            close.EnsureSuccessStatusCode();
        // An upload's piece waiting for its job (stored finished, so no worker takes it up).
        var job = Guid.CreateVersion7();
        var oldCipher = _old.Services.GetRequiredService<PersonalDataCipher>();
        var piece = "姓名,证件号码\n张三,632801199003071235\n"u8.ToArray();
        await _old.SeedAsync(db =>
        {
            db.ImportJobs.Add(new ImportJob { Id = job, Kind = "persons", Format = "csv", Caller = "gw-1", OrgPath = PopulationHost.Grid1, Status = ImportStatus.Done });
            db.ImportChunks.Add(new ImportChunk { JobId = job, Sequence = 0, Data = oldCipher.ProtectBytes(piece, ImportChunk.Purpose(job, 0)) });
        });
        var version = (await _rotated.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/persons/{li}", Ct)).GetProperty("version").GetInt32();

        // The operator sees what key 1 still holds.
        var before = await UnderKeyAsync(_rotated, "1");
        Assert.Equal(new Dictionary<string, long>
        {
            ["persons.documentNumber"] = 3, ["persons.phone"] = 2, ["persons.permitNumber"] = 1, ["care_cases.closingReason"] = 1,
            ["care_visits.findings"] = 1, ["care_visits.nextStep"] = 1, ["import_chunks.data"] = 1,
        }, before);

        var sweep = await SweepAsync(_rotated);
        Assert.Equal(("2", 10, 0), (sweep.CurrentKey, sweep.Moved, sweep.LeftEdited));
        Assert.All(await UnderKeyAsync(_rotated, "1"), c => Assert.Equal(0, c.Value));
        Assert.All(await StoredKeyIdsAsync([zhang, li, elderly], [visited, closed]), id => Assert.Equal("2", id));
        var chunk = await _rotated.QueryAsync(db => db.ImportChunks.AsNoTracking().SingleAsync(c => c.JobId == job, Ct));
        Assert.Equal("2", PersonalDataCipher.KeyIdOf(chunk.Data));
        // Recorded: who, and how many; no value.
        var run = await _rotated.QueryAsync(db => db.KeyRotationRuns.AsNoTracking().OrderByDescending(r => r.Id).FirstAsync(Ct));
        Assert.Equal(("admin-1", "2", 10), (run.RunBy, run.CurrentKey, run.Moved));

        // The same plaintext, now under key 2; a person's version (an editor's) is untouched.
        var revealed = await RevealAsync(_rotated, li);
        Assert.Equal((People.LiId, "09798412345", "QH2026000123"),
            (revealed.GetProperty("documentNumber").GetString(), revealed.GetProperty("phone").GetString(), revealed.GetProperty("permitNumber").GetString()));
        using (var edit = await _rotated.GridWorker().PatchAsJsonAsync($"/api/population/persons/{li}", new { version, name = "李四四" }, Ct))
            Assert.True(edit.StatusCode == HttpStatusCode.OK, await edit.Content.ReadAsStringAsync(Ct));

        // Once key 1 is removed, everything still reads.
        await using (var onlyTwo = await StartRotatedAsync([("2", _two)], enabled: false))
        {
            Assert.Equal(People.ZhangId, (await RevealAsync(onlyTwo, zhang)).GetProperty("documentNumber").GetString());
            Assert.Equal("QH2026000123", (await RevealAsync(onlyTwo, li)).GetProperty("permitNumber").GetString());
            var visitedCase = await CaseAsync(onlyTwo, visited);
            Assert.Equal("血压偏高", visitedCase.GetProperty("visits")[0].GetProperty("findings").GetString());
            Assert.Equal("病情稳定结案", (await CaseAsync(onlyTwo, closed)).GetProperty("closingReason").GetString());
            Assert.Equal(piece, onlyTwo.Services.GetRequiredService<PersonalDataCipher>().UnprotectBytes(
                (await onlyTwo.QueryAsync(db => db.ImportChunks.AsNoTracking().SingleAsync(c => c.JobId == job, Ct))).Data, ImportChunk.Purpose(job, 0)));
        }

        // A second sweep has nothing to move.
        Assert.Equal((0, 0), ((await SweepAsync(_rotated)).Moved, (await SweepAsync(_rotated)).LeftEdited));
    }

    [Fact]
    public async Task An_edit_landing_between_the_sweeps_read_and_write_is_kept()
    {
        var zhang = await People.RegisterAsync(_old.GridWorker(), People.Registered(CareClients.ResidentId(21), "张三丰"));
        _stages.BeforePhones = async () =>
        {
            using var edit = await _rotated.GridWorker().PatchAsJsonAsync($"/api/population/persons/{zhang}", new { version = 1, phone = "13900001111" }, Ct);
            Assert.True(edit.StatusCode == HttpStatusCode.OK, await edit.Content.ReadAsStringAsync(Ct));
        };

        var sweep = await SweepAsync(_rotated);

        Assert.Null(_stages.BeforePhones);
        var phones = sweep.Columns.Single(c => c.Column == "persons.phone");
        Assert.Equal((0, 1), (phones.Moved, phones.LeftEdited));
        Assert.Equal(1, sweep.Columns.Single(c => c.Column == "persons.documentNumber").Moved);
        Assert.Equal("13900001111", (await RevealAsync(_rotated, zhang)).GetProperty("phone").GetString());
        Assert.All(await StoredKeyIdsAsync([zhang], []), id => Assert.Equal("2", id));
    }

    [Fact]
    public async Task A_value_under_a_key_no_longer_configured_is_counted_unreadable_and_left_as_it_is()
    {
        var lost = new PersonalDataCipher(new Dictionary<string, Governance.ServiceDefaults.Security.SecretProtector>
        {
            ["3"] = new(Convert.FromBase64String(PopulationHost.NewKey())),
        }, "3");
        var person = await People.RegisterAsync(_old.GridWorker(), People.Registered(CareClients.ResidentId(31), "赵七"));
        var underLostKey = lost.Protect(People.Phone, person, Governance.Population.Persons.PersonFields.Phone);
        await using (var connection = new NpgsqlConnection(_old.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand("""UPDATE persons SET "Phone" = @phone WHERE "Id" = @id""", connection);
            command.Parameters.AddWithValue("phone", underLostKey);
            command.Parameters.AddWithValue("id", person);
            await command.ExecuteNonQueryAsync(Ct);
        }

        var view = await Admin(_rotated).GetFromJsonAsync<KeyRotation.KeysView>("/api/population/protection/keys", Ct);
        var lostPhones = view!.Columns.Single(c => c.Column == "persons.phone").Keys.Single(k => k.KeyId == "3");
        Assert.Equal((1, false, false), (lostPhones.Count, lostPhones.Readable, lostPhones.Current));
        var sweep = await SweepAsync(_rotated);
        Assert.Equal((1, 1), (sweep.Columns.Single(c => c.Column == "persons.documentNumber").Moved, sweep.Columns.Single(c => c.Column == "persons.phone").Unreadable));
        var stored = await _rotated.QueryAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == person, Ct));
        Assert.Equal(underLostKey, stored.Phone);
        Assert.Equal("2", PersonalDataCipher.KeyIdOf(stored.DocumentNumber));
    }

    [Fact]
    public async Task A_replica_sweeps_when_it_starts()
    {
        var person = await People.RegisterAsync(_old.GridWorker(), People.Registered(CareClients.ResidentId(41), "钱八"));
        await using var scheduled = await StartRotatedAsync(("1", _one), ("2", _two), enabled: true);
        Assert.True(await Eventually.HoldsAsync(async () => (await StoredKeyIdsAsync([person], [])).All(id => id == "2"), Ct));
        Assert.Equal(People.Phone, (await RevealAsync(scheduled, person)).GetProperty("phone").GetString());
    }

    [Fact]
    public async Task Only_platform_admins_see_the_keys_or_sweep()
    {
        foreach (var client in new[] { _rotated.GridWorker(), _rotated.Auditor(), _rotated.Investigator(), _rotated.ClientAs("op-1", PopulationHost.County, "centre_operator") })
        {
            using var keys = await client.GetAsync("/api/population/protection/keys", Ct);
            using var sweep = await client.PostAsync("/api/population/protection/re-encrypt", null, Ct);
            Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (keys.StatusCode, sweep.StatusCode));
        }
        using var anonymous = await _rotated.Client().GetAsync("/api/population/protection/keys", Ct);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
