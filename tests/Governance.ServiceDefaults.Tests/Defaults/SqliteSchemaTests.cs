using Governance.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.ServiceDefaults.Tests.Defaults;

// The standalone's SQLite files have no migrations: a file made by another version of the model is
// moved aside and created afresh at start, one made by this version is kept with its data.
public sealed class SqliteSchemaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<DefaultsHost> StartAsync<TDb>(string directory) where TDb : DbContext
    {
        var host = await DefaultsHost.StartAsync(
            configure: builder => builder.AddServiceDatabase<TDb>("notes"),
            settings: new Dictionary<string, string?> { ["Database:Directory"] = directory });
        await SchemaCommands.PrepareAtStartAsync(host.Services, Ct);
        return host;
    }

    private static async Task<T> WithDbAsync<TDb, T>(DefaultsHost host, Func<TDb, Task<T>> use) where TDb : DbContext
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TDb>());
    }

    [Fact]
    public async Task File_of_the_same_schema_is_kept_with_its_data_and_one_of_another_schema_is_moved_aside()
    {
        var directory = Path.Combine(Path.GetTempPath(), "governance-tests", Guid.NewGuid().ToString("n"));
        await using (var first = await StartAsync<NotesDb>(directory))
            await WithDbAsync<NotesDb, int>(first, db =>
            {
                db.Notes.Add(new Note { Text = "网格巡查" });
                return db.SaveChangesAsync(Ct);
            });

        await using (var again = await StartAsync<NotesDb>(directory))
            Assert.Equal(1, await WithDbAsync<NotesDb, int>(again, db => db.Notes.CountAsync(Ct)));
        Assert.Empty(Directory.GetFiles(directory, "*.old"));

        // A later version of the model: the note gains a column the old file does not have.
        await using var later = await StartAsync<TaggedNotesDb>(directory);
        Assert.Equal(0, await WithDbAsync<TaggedNotesDb, int>(later, async db =>
        {
            var before = await db.Notes.CountAsync(Ct);
            db.Notes.Add(new TaggedNote { Text = "矛盾纠纷", Tag = "调解" });
            await db.SaveChangesAsync(Ct);
            return before;
        }));
        Assert.Single(Directory.GetFiles(directory, "notes.db.*.old"));
    }
}

/// <summary><see cref="NotesDb"/> as a later version would have it: the same table with one more column.</summary>
public sealed class TaggedNotesDb(DbContextOptions<TaggedNotesDb> options) : DbContext(options)
{
    public DbSet<TaggedNote> Notes => Set<TaggedNote>();
}

public sealed class TaggedNote
{
    public int Id { get; set; }
    public required string Text { get; set; }
    public string? Tag { get; set; }
}
