using Governance.ServiceDefaults.Auth;

namespace Governance.ServiceDefaults.Tests.Auth;

public sealed class OrgPathTests
{
    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("/632801")]
    [InlineData("632801/")]
    [InlineData("632801//632801001")]
    [InlineData("632801/63280100a")]
    [InlineData("632801 /632801001")]
    [InlineData("６３２８０１")] // full-width digits are digits to char.IsDigit, not codes
    [InlineData("632801\\632801001")]
    public void Malformed_path_is_rejected(string text)
    {
        Assert.False(OrgPath.TryParse(text, out _));
        Assert.Throws<FormatException>(() => OrgPath.Parse(text));
    }

    [Theory]
    [InlineData("632801", 1)]
    [InlineData("632801/632801001/632801001001", 3)]
    public void Well_formed_path_is_parsed_into_its_segments(string text, int depth)
    {
        var path = OrgPath.Parse(text);

        Assert.Equal(text, path.ToString());
        Assert.Equal(depth, path.Segments.Count);
        Assert.Equal(OrgPath.Parse(text), path);
    }

    [Theory]
    [InlineData("63/1", "63/1", true)]
    [InlineData("63/1/5", "63/1", true)]
    [InlineData("63/1/5/7", "63", true)]
    [InlineData("63/12", "63/1", false)]
    [InlineData("63/1", "63/1/5", false)]
    [InlineData("64/1", "63", false)]
    [InlineData("630", "63", false)]
    public void IsWithin_compares_whole_segments(string path, string ancestor, bool within) =>
        Assert.Equal(within, OrgPath.Parse(path).IsWithin(OrgPath.Parse(ancestor)));
}
