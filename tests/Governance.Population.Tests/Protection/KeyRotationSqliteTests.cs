using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Documents;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Population.Tests.Protection;

/// <summary>The sweep and the keys view on the standalone host's SQLite file (its SQL is written for both databases).</summary>
public sealed class KeyRotationSqliteTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _one = PopulationHost.NewKey();
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync(new Dictionary<string, string?>
    {
        ["Population:Protection:Keys:1:Key"] = _one, ["Population:Protection:Keys:2:Key"] = PopulationHost.NewKey(),
        ["Population:Protection:CurrentKey"] = "2", ["Population:Protection:Rotation:Enabled"] = "false",
    }, sqlite: true);

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Values_under_the_old_key_are_counted_and_moved_on_SQLite()
    {
        var old = new PersonalDataCipher(new Dictionary<string, Governance.ServiceDefaults.Security.SecretProtector> { ["1"] = new(Convert.FromBase64String(_one)) }, "1");
        var ids = new[] { Guid.CreateVersion7(), Guid.CreateVersion7() };
        var hash = _host.Services.GetRequiredService<LookupHash>();
        var numbers = new[] { People.ZhangId, People.LiId };
        await _host.SeedAsync(db =>
        {
            for (var i = 0; i < ids.Length; i++)
                db.Persons.Add(new Person
                {
                    Id = ids[i], Name = $"旧{i}", DocumentType = DocumentType.ResidentId, DocumentNumber = old.Protect(numbers[i], ids[i], PersonFields.DocumentNumber),
                    DocumentHash = hash.Of(DocumentType.ResidentId, numbers[i]), Phone = old.Protect(People.Phone, ids[i], PersonFields.Phone),
                    Sex = Sex.Male, ResidenceStatus = ResidenceStatus.Registered, OrgPath = PopulationHost.Grid1, RegisteredAt = DateTime.UtcNow, RegisteredBy = "before",
                });
        });
        var admin = _host.ClientAs("admin-1", PopulationHost.County, "admin");

        var view = await admin.GetFromJsonAsync<KeyRotation.KeysView>("/api/population/protection/keys", Ct);
        Assert.Equal(2, view!.Columns.Single(c => c.Column == "persons.phone").Keys.Single(k => k.KeyId == "1").Count);
        using var response = await admin.PostAsync("/api/population/protection/re-encrypt", null, Ct);
        var sweep = await response.Content.ReadFromJsonAsync<KeyRotation.Sweep>(Ct);
        Assert.Equal(4, sweep!.Moved);
        var stored = await _host.QueryAsync(db => db.Persons.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(Ct));
        Assert.All(stored, p => Assert.Equal(("2", "2"), (PersonalDataCipher.KeyIdOf(p.DocumentNumber), PersonalDataCipher.KeyIdOf(p.Phone!))));
        var revealed = await (await _host.Investigator().PostAsJsonAsync($"/api/population/persons/{ids[1]}/reveal", new { purpose = "data_correction" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(People.LiId, revealed.GetProperty("documentNumber").GetString());
        Assert.Equal(0, (await (await admin.PostAsync("/api/population/protection/re-encrypt", null, Ct)).Content.ReadFromJsonAsync<KeyRotation.Sweep>(Ct))!.Moved);
    }
}
