using Governance.Population.Data;
using Governance.Population.Persons;
using Governance.ServiceDefaults.Auth;
using Governance.ServiceDefaults.Problems;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Governance.Population.Imports;

/// <summary>
/// Reading jobs and their rejected rows: for those who may register persons in the job's org (the
/// reasons may quote a row's dates); a job out of reach reads as absent.
/// </summary>
public sealed class ImportJobs(PopulationDb db, RolePermissions permissions)
{
    public async Task<ImportJob> GetAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var job = await db.ImportJobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, ct);
        if (job is null || !await permissions.IsPermittedAsync(caller, PopulationPermissions.Register, OrgPath.Parse(job.OrgPath), ct))
            throw DomainException.NotFound($"No import {id} within your reach.");
        return job;
    }

    /// <summary>The rejected rows as a CSV or xlsx file: row, column, reason in Chinese, reason in English.</summary>
    public async Task<(byte[] Content, string ContentType)> RejectedReportAsync(Caller caller, Guid id, string? format, CancellationToken ct)
    {
        var type = (format ?? ImportFormats.Csv).ToLowerInvariant();
        if (type is not (ImportFormats.Csv or ImportFormats.Xlsx)) throw DomainException.Invalid("format", $"The format '{format}' is not one of csv, xlsx.");
        var job = await GetAsync(caller, id, ct);
        if (job.Status != ImportStatus.Rejected)
            throw DomainException.RuleViolated("ImportNotRejected", $"The import is {ImportView.NameOf(job.Status)}: only a rejected import has rejected rows.");
        // At most ImportOutcome.MaxReported rows: small enough to build in memory.
        var rows = await db.ImportRejections.AsNoTracking().Where(r => r.JobId == id).OrderBy(r => r.Row).ThenBy(r => r.Id)
            .ToListAsync(ct);
        var table = rows.Select(r => new Dictionary<string, object> { ["row"] = r.Row, ["column"] = r.Column, ["原因"] = r.ReasonZh, ["reason"] = r.ReasonEn }).ToList();
        using var output = new MemoryStream();
        await MiniExcel.SaveAsAsync(output, table, excelType: ImportFormats.TypeOf(type), cancellationToken: ct);
        return (output.ToArray(), type == ImportFormats.Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8");
    }
}
