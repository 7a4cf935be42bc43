using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.Population.Protection;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Data;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Imports;

/// <summary>
/// Takes an upload: checks who may import where, then stores the file (spooled to a local file first,
/// so that a retried database transaction can read it again) in pieces with its queued job, in one
/// transaction: a job is never queued without its whole file.
/// </summary>
public sealed class ImportUploads(PopulationDb db, RolePermissions permissions, PersonalDataCipher cipher, ImportSignal signal, TimeProvider clock)
{
    public const string KindPersons = "persons";
    public const string KindHouses = "houses";
    public const string KindHouseholds = "households";
    public static readonly IReadOnlyList<string> Kinds = [KindPersons, KindHouses, KindHouseholds];

    public sealed record Upload(string? Kind, string? Org, string? Format, string? FileName, string SpooledFile);

    public async Task<ImportJob> QueueAsync(Caller caller, Upload upload, CancellationToken ct)
    {
        if (upload.Kind is not { } kind || !Kinds.Contains(kind))
            throw DomainException.Invalid("kind", $"The import kind '{upload.Kind}' is not one of {string.Join(", ", Kinds)}.");
        if (!OrgPath.TryParse(upload.Org, out var org))
            throw DomainException.Invalid("org", "Give the org path the rows land in (codes separated by '/').");
        await permissions.EnsurePermittedAsync(caller, PopulationPermissions.Register, org, ct);
        var length = new FileInfo(upload.SpooledFile).Length;
        if (length == 0) throw DomainException.Invalid("file", "The file is empty.");
        var head = new byte[4];
        await using (var peek = File.OpenRead(upload.SpooledFile)) await peek.ReadAtLeastAsync(head, 4, throwOnEndOfStream: false, ct);
        var format = ImportFormats.Detect(upload.Format, upload.FileName, head)
            ?? throw DomainException.Invalid("format", $"The format '{upload.Format}' is not one of csv, xlsx.");
        var name = upload.FileName is null ? null : Path.GetFileName(upload.FileName);
        var job = new ImportJob
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()), Kind = kind, Format = format,
            FileName = name is { Length: > 200 } ? name[..200] : name, Caller = caller.Subject, OrgPath = org.Value,
            Status = ImportStatus.Queued, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await db.SaveInOneTransactionAsync(async attempt =>
        {
            db.ImportJobs.Add(job);
            await db.SaveChangesAsync(attempt);
            await using var file = File.OpenRead(upload.SpooledFile);
            var buffer = new byte[ImportChunk.Size];
            for (var sequence = 0; ; sequence++)
            {
                var read = await file.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, attempt);
                if (read == 0) break;
                var chunk = new ImportChunk { JobId = job.Id, Sequence = sequence, Data = cipher.ProtectBytes(buffer.AsSpan(0, read), ImportChunk.Purpose(job.Id, sequence)) };
                db.ImportChunks.Add(chunk);
                await db.SaveChangesAsync(attempt);
                db.Entry(chunk).State = EntityState.Detached;
            }
        }, ct);
        signal.Wake();
        return job;
    }
}
