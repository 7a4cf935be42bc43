using Governance.Identity.SignIn;
using Governance.Identity.Users;

namespace Governance.Identity.Tests.SignIn;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Short1!", "at least 10")]
    [InlineData("alllowercaseletters", "three of")]
    [InlineData("lowercase123456", "three of")]
    [InlineData("twowords onlyhere", "three of")]
    [InlineData("Zhang.Wei-2024", "user name")]
    [InlineData("xZHANG.WEIx2024", "user name")]
    public void Weak_passwords_are_refused_with_the_reason(string password, string reason) =>
        Assert.Contains(reason, PasswordPolicy.Check(password, "zhang.wei")?.Message);

    [Theory]
    [InlineData("Kunlun-Road-2024")]
    [InlineData("grid7cell9!x")]
    [InlineData("ABCDEFGH12!!")]
    [InlineData("correct horse battery")]
    public void Passwords_of_three_classes_and_ten_characters_pass(string password) =>
        Assert.Null(PasswordPolicy.Check(password, "zhang.wei"));

    [Fact]
    public void Lockout_waits_double_from_one_minute_up_to_one_hour()
    {
        var options = new SignInOptions();
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], Enumerable.Range(1, 8).Select(n => AccountLockout.WaitFor(n, options).TotalMinutes));
    }
}
