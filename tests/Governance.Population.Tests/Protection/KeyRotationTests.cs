using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Governance.Population.Documents;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Governance.Population.Tests.Protection;

public sealed class KeyRotationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PersonalDataCipher Cipher(string current, params (string Id, string Key)[] keys) => PersonalDataCipher.FromConfiguration(
        new ConfigurationBuilder().AddInMemoryCollection(keys.Select(k => KeyValuePair.Create($"Population:Protection:Keys:{k.Id}:Key", (string?)k.Key))
            .Append(KeyValuePair.Create("Population:Protection:CurrentKey", (string?)current))).Build(), ".");

    [Fact]
    public void A_value_names_its_key_and_still_reads_after_a_new_key_becomes_current()
    {
        var (one, two) = (PopulationHost.NewKey(), PopulationHost.NewKey());
        var person = Guid.NewGuid();
        var before = Cipher("1", ("1", one)).Protect(People.ZhangId, person, PersonFields.DocumentNumber);
        var rotated = Cipher("2", ("1", one), ("2", two));
        var after = rotated.Protect(People.ZhangId, person, PersonFields.DocumentNumber);

        Assert.Equal(("1", "2"), (PersonalDataCipher.KeyIdOf(before), PersonalDataCipher.KeyIdOf(after)));
        Assert.Equal(People.ZhangId, rotated.Unprotect(before, person, PersonFields.DocumentNumber));
        Assert.Equal(People.ZhangId, rotated.Unprotect(after, person, PersonFields.DocumentNumber));
        // Once key 1 is retired, what it encrypted no longer reads: rotate the values before removing a key.
        Assert.Throws<CryptographicException>(() => Cipher("2", ("2", two)).Unprotect(before, person, PersonFields.DocumentNumber));
    }

    [Fact]
    public void A_value_is_bound_to_its_person_and_field_and_to_its_bytes()
    {
        var cipher = Cipher("1", ("1", PopulationHost.NewKey()));
        var person = Guid.NewGuid();
        var stored = cipher.Protect(People.Phone, person, PersonFields.Phone);
        Assert.Throws<AuthenticationTagMismatchException>(() => cipher.Unprotect(stored, Guid.NewGuid(), PersonFields.Phone));
        Assert.Throws<AuthenticationTagMismatchException>(() => cipher.Unprotect(stored, person, PersonFields.DocumentNumber));
        stored[^1] ^= 1;
        Assert.Throws<AuthenticationTagMismatchException>(() => cipher.Unprotect(stored, person, PersonFields.Phone));
    }

    [Fact]
    public void A_current_key_that_is_not_configured_or_several_keys_without_a_current_one_stop_the_start()
    {
        Assert.Throws<InvalidOperationException>(() => Cipher("3", ("1", PopulationHost.NewKey())));
        Assert.Throws<InvalidOperationException>(() => PersonalDataCipher.FromConfiguration(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Population:Protection:Keys:1:Key"] = PopulationHost.NewKey(), ["Population:Protection:Keys:2:Key"] = PopulationHost.NewKey() }).Build(), "."));
        Assert.Throws<InvalidOperationException>(() => PersonalDataCipher.FromConfiguration(new ConfigurationBuilder().Build(), "."));
    }

    [Fact]
    public async Task A_service_on_a_rotated_key_reads_persons_registered_under_the_old_one_and_writes_new_ones_under_the_new()
    {
        var (one, two) = (PopulationHost.NewKey(), PopulationHost.NewKey());
        await using var host = await PopulationHost.StartAsync(new Dictionary<string, string?>
        {
            ["Population:Protection:Keys:1:Key"] = one, ["Population:Protection:Keys:2:Key"] = two, ["Population:Protection:CurrentKey"] = "2",
        });
        // A person written before the rotation, under key 1 alone.
        var old = Cipher("1", ("1", one));
        var id = Guid.CreateVersion7();
        var hash = host.Services.GetService(typeof(LookupHash)) as LookupHash;
        await host.SeedAsync(db => db.Persons.Add(new Person
        {
            Id = id, Name = "赵六", DocumentType = DocumentType.ResidentId, DocumentNumber = old.Protect(People.LiId, id, PersonFields.DocumentNumber),
            DocumentHash = hash!.Of(DocumentType.ResidentId, People.LiId), Phone = old.Protect(People.Phone, id, PersonFields.Phone),
            BirthDate = new DateOnly(1949, 12, 31), Sex = Sex.Female, ResidenceStatus = ResidenceStatus.Registered,
            OrgPath = PopulationHost.Grid1, RegisteredAt = DateTime.UtcNow, RegisteredBy = "before-rotation",
        }));

        var read = await host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/persons/{id}", Ct);
        Assert.Equal(("110105********002X", "138****5678"), (read.GetProperty("documentNumber").GetString(), read.GetProperty("phone").GetString()));
        var revealed = await (await host.Investigator().PostAsJsonAsync($"/api/population/persons/{id}/reveal", new { purpose = "data_correction" }, Ct))
            .Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(People.LiId, revealed.GetProperty("documentNumber").GetString());

        var added = await People.RegisterAsync(host.GridWorker(), People.Registered());
        var stored = await host.QueryAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == added, Ct));
        Assert.Equal(("2", "2"), (PersonalDataCipher.KeyIdOf(stored.DocumentNumber), PersonalDataCipher.KeyIdOf(stored.Phone!)));
        // The keyed hash does not depend on the encryption key: the old person is still found, and still a duplicate.
        using var duplicate = await host.GridWorker().PostAsJsonAsync("/api/population/persons", People.Registered(number: People.LiId), Ct);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, duplicate.StatusCode);
    }
}
