using System.Security.Cryptography;
using System.Text;
using Governance.Population.Imports;

namespace Governance.Population.Tests.Imports;

/// <summary>An import's working copy on disk: reads back what was written, seeks like a file, holds no plain text, and is gone once disposed.</summary>
public sealed class SealedScratchFileTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sealed-scratch").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(64 * 1024)]
    [InlineData(64 * 1024 + 1)]
    [InlineData(300_000)]
    public void Reads_back_what_was_written_in_pieces_of_any_size(int length)
    {
        var data = RandomNumberGenerator.GetBytes(length);
        using var file = new SealedScratchFile(Path.Combine(_folder, "f"));
        using (var writer = file.OpenWrite())
            for (var at = 0; at < length;)
            {
                var piece = Math.Min(length - at, Random.Shared.Next(1, 20_000));
                writer.Write(data, at, piece);
                at += piece;
            }
        Assert.Equal(length, file.Length);
        using var reader = file.OpenRead();
        var read = new MemoryStream();
        reader.CopyTo(read, 777);
        Assert.Equal(data, read.ToArray());
    }

    [Fact]
    public void Seeks_anywhere_as_a_zip_reader_does()
    {
        var data = RandomNumberGenerator.GetBytes(200_000);
        using var file = Written(data);
        using var reader = file.OpenRead();
        foreach (var at in new[] { 199_990, 0, 65_535, 65_536, 131_071, 100 })
        {
            reader.Seek(at, SeekOrigin.Begin);
            var buffer = new byte[10];
            var n = reader.Read(buffer);
            Assert.Equal(data.AsSpan(at, n).ToArray(), buffer[..n]);
        }
        reader.Seek(-4, SeekOrigin.End);
        Assert.Equal(data[^4..], ReadToEnd(reader));
    }

    [Fact]
    public void Holds_no_plain_text_on_disk_and_is_deleted_when_disposed()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("632801199001011234,13812345678\n", 5000)));
        var file = Written(text);
        var onDisk = File.ReadAllBytes(file.Path);
        Assert.Equal(-1, onDisk.AsSpan().IndexOf("632801199001011234"u8));
        Assert.Equal(-1, onDisk.AsSpan().IndexOf("13812345678"u8));
        file.Dispose();
        Assert.False(File.Exists(file.Path));
    }

    [Fact]
    public void A_file_altered_on_disk_does_not_read()
    {
        using var file = Written(RandomNumberGenerator.GetBytes(1000));
        var onDisk = File.ReadAllBytes(file.Path);
        onDisk[500] ^= 1;
        File.WriteAllBytes(file.Path, onDisk);
        using var reader = file.OpenRead();
        Assert.ThrowsAny<CryptographicException>(() => ReadToEnd(reader));
    }

    private SealedScratchFile Written(byte[] data)
    {
        var file = new SealedScratchFile(Path.Combine(_folder, Guid.NewGuid().ToString("n")));
        using (var writer = file.OpenWrite()) writer.Write(data);
        return file;
    }

    private static byte[] ReadToEnd(Stream stream)
    {
        var read = new MemoryStream();
        stream.CopyTo(read);
        return read.ToArray();
    }
}
