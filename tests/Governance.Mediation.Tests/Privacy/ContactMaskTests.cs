using Governance.Mediation.Privacy;

namespace Governance.Mediation.Tests.Privacy;

public sealed class ContactMaskTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData(" 13812345678 ", "138****5678")]
    [InlineData("zhang.san@example.cn", "zha****e.cn")]
    [InlineData("0971-812345", "097****2345")]
    [InlineData("8123456", "****56")]
    [InlineData("微信号张三", "****")]
    [InlineData("", "****")]
    public void A_contact_is_masked_to_its_ends_with_four_stars_whatever_its_length(string contact, string masked) =>
        Assert.Equal(masked, ContactMask.Mask(contact));
}
