using System.Text;
using Governance.Population.Documents;
using Governance.Population.Persons;

namespace Governance.Population.Imports;

/// <summary>
/// The persons of an import as its check made them (new ids, numbers encrypted, documents hashed), written to a
/// <see cref="SealedScratchFile"/> while the file is checked and read back to be stored: the uploaded file is parsed,
/// checked and encrypted once, not twice (an xlsx's parse is most of an import's time).
/// </summary>
public static class CheckedPersons
{
    public static BinaryWriter Writer(SealedScratchFile file) => new(new BufferedStream(file.OpenWrite(), 1 << 16), Encoding.UTF8, leaveOpen: false);

    public static void Write(BinaryWriter w, Person p)
    {
        w.Write(p.Id.ToByteArray());
        w.Write(p.Name);
        w.Write((int)p.DocumentType);
        WriteBytes(w, p.DocumentNumber);
        WriteBytes(w, p.DocumentHash);
        WriteBytes(w, p.Phone);
        WriteDate(w, p.BirthDate);
        w.Write((int)p.Sex);
        w.Write((int)p.ResidenceStatus);
        WriteBytes(w, p.PermitNumber);
        WriteDate(w, p.PermitValidFrom);
        WriteDate(w, p.PermitValidUntil);
        w.Write(p.OrgPath);
        w.Write(p.RegisteredAt.Ticks);
        w.Write(p.RegisteredBy);
    }

    /// <summary>Every person written to <paramref name="file"/>, in the file's order, one in memory at a time.</summary>
    public static IEnumerable<Person> Read(SealedScratchFile file)
    {
        using var r = new BinaryReader(new BufferedStream(file.OpenRead(), 1 << 16), Encoding.UTF8, leaveOpen: false);
        var length = file.Length;
        while (r.BaseStream.Position < length)
        {
            yield return new Person
            {
                Id = new Guid(r.ReadBytes(16)), Name = r.ReadString(), DocumentType = (DocumentType)r.ReadInt32(),
                DocumentNumber = ReadBytes(r)!, DocumentHash = ReadBytes(r)!, Phone = ReadBytes(r), BirthDate = ReadDate(r),
                Sex = (Sex)r.ReadInt32(), ResidenceStatus = (ResidenceStatus)r.ReadInt32(), PermitNumber = ReadBytes(r),
                PermitValidFrom = ReadDate(r), PermitValidUntil = ReadDate(r), OrgPath = r.ReadString(),
                RegisteredAt = new DateTime(r.ReadInt64(), DateTimeKind.Utc), RegisteredBy = r.ReadString(),
            };
        }
    }

    private static void WriteBytes(BinaryWriter w, byte[]? value)
    {
        w.Write(value?.Length ?? -1);
        if (value is not null) w.Write(value);
    }

    private static byte[]? ReadBytes(BinaryReader r) => r.ReadInt32() is var n and >= 0 ? r.ReadBytes(n) : null;

    private static void WriteDate(BinaryWriter w, DateOnly? value) => w.Write(value?.DayNumber ?? -1);

    private static DateOnly? ReadDate(BinaryReader r) => r.ReadInt32() is var n and >= 0 ? DateOnly.FromDayNumber(n) : null;
}
