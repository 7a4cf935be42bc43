using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Population.Documents;
using Governance.Population.Tests.Infrastructure;
using MiniExcelLibs;

namespace Governance.Population.Tests.Imports;

/// <summary>Import files as a county's staff make them (CSV and xlsx), and the upload and wait of a job.</summary>
public static class ImportFiles
{
    public static readonly string[] Header = ["name", "documentType", "documentNumber", "phone", "residenceStatus", "permitNumber", "validFrom", "validUntil", "orgPath"];

    /// <summary>A valid resident ID of the demo county born on <paramref name="born"/>, sequence <paramref name="sequence"/> (0-999).</summary>
    public static string ResidentId(int sequence, string born = "19900307")
    {
        var body = "632801" + born + sequence.ToString("000", CultureInfo.InvariantCulture);
        return body + Gb11643.CheckCharacter(body);
    }

    public static string[] Row(string name, string number, string org = PopulationHost.Grid1, string phone = "13812345678") =>
        [name, "resident_id", number, phone, "registered", "", "", "", org];

    public static string[] FloatingRow(string name, string number, string org = PopulationHost.Grid1) =>
        [name, "resident_id", number, "", "floating", "QH2026000123", "2026-01-01", "2027-01-01", org];

    public static byte[] Csv(IEnumerable<string[]> rows, string[]? header = null)
    {
        var text = new StringBuilder();
        foreach (var row in new[] { header ?? Header }.Concat(rows))
            text.Append(string.Join(',', row.Select(c => c.Contains(',') ? $"\"{c}\"" : c))).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Xlsx(IEnumerable<string[]> rows, string[]? header = null)
    {
        var names = header ?? Header;
        var table = rows.Select(r => (IDictionary<string, object>)names.Select((n, i) => (n, (object)r[i])).ToDictionary(x => x.n, x => x.Item2)).ToList();
        using var output = new MemoryStream();
        output.SaveAs(table, excelType: ExcelType.XLSX);
        return output.ToArray();
    }

    /// <summary>Uploads as multipart (<paramref name="fileName"/> tells the format) and answers the response.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName, string org, string kind = "persons")
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(kind), "kind" },
            { new StringContent(org), "org" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        return await client.PostAsync("/api/population/imports", form, TestContext.Current.CancellationToken);
    }

    /// <summary>Uploads and answers the job's id; throws unless accepted.</summary>
    public static async Task<Guid> QueueAsync(HttpClient client, byte[] file, string fileName, string org)
    {
        using var response = await UploadAsync(client, file, fileName, org);
        if ((int)response.StatusCode != 202) throw new InvalidOperationException($"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> JobAsync(HttpClient client, Guid id) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/population/imports/{id}", TestContext.Current.CancellationToken);

    /// <summary>The job once it has ended (done, rejected or failed).</summary>
    public static async Task<JsonElement> EndedAsync(HttpClient client, Guid id)
    {
        JsonElement job = default;
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            job = await JobAsync(client, id);
            return job.GetProperty("status").GetString() is "done" or "rejected" or "failed";
        }, TestContext.Current.CancellationToken), $"The job did not end: {job}");
        return job;
    }
}
