using Governance.Population.Documents;

namespace Governance.Population.Tests.Documents;

/// <summary>GB 11643 and the other documents: a table of valid and invalid numbers, checked on 2026-11-29.</summary>
public sealed class IdentityDocumentTests
{
    private static readonly DateOnly Today = new(2026, 11, 29);

    public static TheoryData<string, string, string, string?, string> Valid => new()
    {
        // type, number as typed, number as stored, birth date, sex
        { "resident_id", "632801199003071235", "632801199003071235", "1990-03-07", "Male" },
        { "resident_id", "11010519491231002x", "11010519491231002X", "1949-12-31", "Female" },   // lower-case x is the same check character
        { "resident_id", " 4403 0420 1001 010046 ", "440304201001010046", "2010-01-01", "Female" },
        { "resident_id", "632801202611290022", "632801202611290022", "2026-11-29", "Female" },   // born today
        { "hk_macao_taiwan_residence_permit", "810000198501010010", "810000198501010010", "1985-01-01", "Male" },
        { "hk_macao_taiwan_residence_permit", "820000199206150025", "820000199206150025", "1992-06-15", "Female" },
        { "hk_macao_taiwan_residence_permit", "830000200002290031", "830000200002290031", "2000-02-29", "Male" },
        { "foreign_permanent_resident_id", "931840198005150017", "931840198005150017", "1980-05-15", "Male" },
        { "foreign_permanent_resident_id", "usa318005150011", "USA318005150011", "1980-05-15", "Unknown" },
        { "foreign_permanent_resident_id", "GBR440101200021", "GBR440101200021", "2001-01-20", "Unknown" },
        { "passport", "E12345678", "E12345678", null, "Unknown" },
        { "passport", "ea1234567", "EA1234567", null, "Unknown" },
    };

    public static TheoryData<string, string, string> Invalid => new()
    {
        // type, number, what the refusal says
        { "resident_id", "632801199003071234", "The check character should be 5, not 4." },
        { "resident_id", "632801199002300016", "The birth date 19900230 is not a real date." },
        { "resident_id", "632801209912310017", "The birth date 2099-12-31 is in the future." },
        { "resident_id", "632801202611300024", "The birth date 2026-11-30 is in the future." },
        { "resident_id", "632801189912310011", "The birth date 1899-12-31 is before 1900." },
        { "resident_id", "702801199003071233", "The address code 702801 is not under a province of GB/T 2260." },
        { "resident_id", "002801199003071238", "The address code 002801 is not under a province of GB/T 2260." },
        { "resident_id", "63280119900307123", "A resident ID number has 17 digits and a check character (a digit or X)." },
        { "resident_id", "6328011990030712A5", "A resident ID number has 17 digits and a check character (a digit or X)." },
        { "resident_id", "632801199003071X35", "A resident ID number has 17 digits and a check character (a digit or X)." },
        { "resident_id", "810000198501010010", "This is the number of a residence permit for Hong Kong, Macao or Taiwan residents: give that document type." },
        { "resident_id", "931840198005150017", "A number starting with 9 is a foreign permanent resident ID: give that document type." },
        { "resident_id", "", "Give the document number." },
        { "hk_macao_taiwan_residence_permit", "632801199003071235", "A residence permit number for Hong Kong, Macao or Taiwan residents starts with 810000, 820000 or 830000." },
        { "hk_macao_taiwan_residence_permit", "810000198501010011", "The check character should be 0, not 1." },
        { "foreign_permanent_resident_id", "931840202611300010", "The birth date 2026-11-30 is in the future." },
        { "foreign_permanent_resident_id", "931840198005150018", "The check character should be 7, not 8." },
        { "foreign_permanent_resident_id", "970840198005150013", "The province code 70 is not one of GB/T 2260." },
        { "foreign_permanent_resident_id", "632801199003071235", "A foreign permanent resident ID of 18 characters starts with 9 and has 17 digits and a check character." },
        { "foreign_permanent_resident_id", "US1318005150011", "A foreign permanent resident ID of 15 characters has three letters (the nationality) and 12 digits." },
        { "foreign_permanent_resident_id", "USA998005150011", "The province code 99 is not one of GB/T 2260." },
        { "foreign_permanent_resident_id", "USA318002300011", "The birth date 800230 is not a real date." },
        { "foreign_permanent_resident_id", "USA3180051500", "A foreign permanent resident ID has 18 characters (cards since 2023) or 15 (earlier cards)." },
        { "passport", "E12", "A passport number has 5 to 20 letters and digits, at least one of them a digit." },
        { "passport", "ABCDEFGH", "A passport number has 5 to 20 letters and digits, at least one of them a digit." },
        { "passport", "E1234-5678", "A passport number has 5 to 20 letters and digits, at least one of them a digit." },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_valid_number_is_stored_normalised_with_what_it_states(string type, string number, string stored, string? born, string sex)
    {
        Assert.True(IdentityDocument.TryParse(DocumentTypes.Parse(type)!.Value, number, Today, out var document, out var error), error.Text);
        Assert.Equal(stored, document.Number);
        Assert.Equal(born is null ? null : DateOnly.Parse(born), document.BirthDate);
        Assert.Equal(Enum.Parse<Sex>(sex), document.Sex);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void An_invalid_number_is_refused_with_its_reason(string type, string number, string reason)
    {
        Assert.False(IdentityDocument.TryParse(DocumentTypes.Parse(type)!.Value, number, Today, out _, out var error));
        Assert.Equal(reason, error.Text);
    }

    [Fact]
    public void The_check_character_follows_ISO_7064_MOD_11_2()
    {
        // The standard's own example (GB 11643-1999, annex): 11010519491231002X.
        Assert.Equal('X', Gb11643.CheckCharacter("11010519491231002"));
        Assert.True(Gb11643.HasValidCheck("11010519491231002X"));
        Assert.False(Gb11643.HasValidCheck("110105194912310021"));
    }

    [Theory]
    [InlineData("632801199003071235", "632801********1235")]
    [InlineData("11010519491231002X", "110105********002X")]
    [InlineData("USA318005150011", "USA********0011")]
    [InlineData("E12345678", "E******78")]
    public void A_document_number_is_masked_keeping_its_address_code_and_last_four(string number, string masked) =>
        Assert.Equal(masked, Masking.Document(number));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("09798412345", "097****2345")]
    [InlineData("+85291234567", "+85*****4567")]
    public void A_phone_is_masked_keeping_its_prefix_and_last_four(string phone, string masked) =>
        Assert.Equal(masked, Masking.Phone(phone));

    [Fact]
    public void Every_document_type_has_a_wire_name_that_reads_back() =>
        Assert.All(Enum.GetValues<DocumentType>(), t => Assert.Equal(t, DocumentTypes.Parse(DocumentTypes.Of(t))));
}
