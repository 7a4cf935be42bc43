using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Governance.ServiceDefaults.Problems;

namespace Governance.Population.Documents;

/// <summary>
/// A document number checked for its type and written the one way it is stored, hashed and compared
/// (<see cref="Number"/>: no spaces, upper case), with what the number itself states about its holder.
/// </summary>
public sealed record IdentityDocument(DocumentType Type, string Number, DateOnly? BirthDate, Sex Sex)
{
    private static readonly DateOnly Earliest = new(1900, 1, 1);

    /// <summary>Checks <paramref name="raw"/> as a <paramref name="type"/>; a birth date after <paramref name="today"/> is impossible.</summary>
    /// <exception cref="DomainException">400 naming <paramref name="field"/> with the reason.</exception>
    public static IdentityDocument Parse(DocumentType type, string? raw, DateOnly today, string field = "documentNumber") =>
        TryParse(type, raw, today, out var document, out DomainMessage error) ? document : throw DomainException.Invalid(field, error);

    /// <summary>Checks <paramref name="raw"/> as a <paramref name="type"/>; <paramref name="error"/> says why it is not one (empty when it is).</summary>
    public static bool TryParse(DocumentType type, string? raw, DateOnly today, [NotNullWhen(true)] out IdentityDocument? document, out DomainMessage error)
    {
        document = null;
        var number = Normalise(raw);
        error = Check(type, number, today);
        if (error.Text.Length > 0) return false;
        document = type switch
        {
            DocumentType.Passport => new IdentityDocument(type, number, null, Sex.Unknown),
            DocumentType.ForeignPermanentResidentId when number.Length == 15 => new IdentityDocument(type, number, OldCardBirthDate(number, today), Sex.Unknown),
            _ => new IdentityDocument(type, number, Gb11643.BirthDate(number), Gb11643.SexOf(number)),
        };
        return true;
    }

    /// <summary>The number as stored: surrounding and inner spaces removed, letters in upper case (a lower-case x is the same check character).</summary>
    public static string Normalise(string? raw) =>
        raw is null ? "" : string.Concat(raw.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();

    private static DomainMessage Check(DocumentType type, string number, DateOnly today)
    {
        if (number.Length == 0) return "Give the document number.";
        if (type == DocumentType.ResidentId) return CheckResidentId(number, today);
        if (type == DocumentType.HkMacaoTaiwanResidencePermit) return CheckResidencePermit(number, today);
        if (type == DocumentType.ForeignPermanentResidentId) return CheckForeignPermanentResident(number, today);
        return CheckPassport(number);
    }

    private static DomainMessage CheckResidentId(string n, DateOnly today)
    {
        if (!IsGb11643Form(n)) return "A resident ID number has 17 digits and a check character (a digit or X).";
        if (DivisionCodes.ResidencePermitCodes.Contains(n[..6]))
            return "This is the number of a residence permit for Hong Kong, Macao or Taiwan residents: give that document type.";
        if (n[0] == '9') return "A number starting with 9 is a foreign permanent resident ID: give that document type.";
        if (!DivisionCodes.IsPlausibleMainland(n.AsSpan(0, 6))) return $"The address code {n[..6]} is not under a province of GB/T 2260.";
        return CheckDateAndCheckCharacter(n, today);
    }

    private static DomainMessage CheckResidencePermit(string n, DateOnly today)
    {
        if (!IsGb11643Form(n)) return "A residence permit number has 17 digits and a check character (a digit or X).";
        if (!DivisionCodes.ResidencePermitCodes.Contains(n[..6]))
            return "A residence permit number for Hong Kong, Macao or Taiwan residents starts with 810000, 820000 or 830000.";
        return CheckDateAndCheckCharacter(n, today);
    }

    // 2023 card: 9, the province that accepted the application (2), nationality (3), birth date (8),
    // sequence (3, odd for men) and a MOD 11-2 check, modelled on GB 11643. Earlier cards: the ISO 3166
    // alpha-3 nationality, the province (2), birth date YYMMDD, sequence (3) and a check digit whose
    // algorithm is not published with the card: its form is checked, not its value.
    private static DomainMessage CheckForeignPermanentResident(string n, DateOnly today)
    {
        if (n.Length == 18)
        {
            if (!IsGb11643Form(n) || n[0] != '9') return "A foreign permanent resident ID of 18 characters starts with 9 and has 17 digits and a check character.";
            if (!DivisionCodes.MainlandProvinces.Contains(n.Substring(1, 2))) return $"The province code {n.Substring(1, 2)} is not one of GB/T 2260.";
            return CheckDateAndCheckCharacter(n, today);
        }
        if (n.Length == 15)
        {
            if (!n[..3].All(char.IsAsciiLetterUpper) || !DivisionCodes.IsDigits(n.AsSpan(3)))
                return "A foreign permanent resident ID of 15 characters has three letters (the nationality) and 12 digits.";
            if (!DivisionCodes.MainlandProvinces.Contains(n.Substring(3, 2))) return $"The province code {n.Substring(3, 2)} is not one of GB/T 2260.";
            if (OldCardBirthDate(n, today) is null) return $"The birth date {n.Substring(5, 6)} is not a real date.";
            return default;
        }
        return "A foreign permanent resident ID has 18 characters (cards since 2023) or 15 (earlier cards).";
    }

    private static DomainMessage CheckPassport(string n)
    {
        if (n.Length is >= 5 and <= 20 && n.All(char.IsAsciiLetterOrDigit) && n.Any(char.IsAsciiDigit)) return default;
        return "A passport number has 5 to 20 letters and digits, at least one of them a digit.";
    }

    private static DomainMessage CheckDateAndCheckCharacter(string n, DateOnly today)
    {
        var born = Gb11643.BirthDate(n);
        if (born is null) return $"The birth date {n.Substring(6, 8)} is not a real date.";
        if (born > today) return $"The birth date {born:yyyy-MM-dd} is in the future.";
        if (born < Earliest) return $"The birth date {born:yyyy-MM-dd} is before 1900.";
        if (Gb11643.HasValidCheck(n)) return default;
        return $"The check character should be {Gb11643.CheckCharacter(n)}, not {n[17]}.";
    }

    // YYMMDD: the latest century that does not put the birth in the future.
    private static DateOnly? OldCardBirthDate(string n, DateOnly today)
    {
        if (!DateOnly.TryParseExact("20" + n.Substring(5, 6), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && !DateOnly.TryParseExact("19" + n.Substring(5, 6), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return null;
        return date > today ? date.AddYears(-100) : date;
    }

    private static bool IsGb11643Form(string n) =>
        n.Length == 18 && DivisionCodes.IsDigits(n.AsSpan(0, 17)) && (char.IsAsciiDigit(n[17]) || n[17] == 'X');
}
