using Governance.Grpc.Framing;
using Governance.Grpc.Status;

namespace Governance.Grpc.Tests;

/// <summary>The header formats of PROTOCOL-HTTP2.md, on their own.</summary>
public sealed class FormatTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("1500u", 15_000L)]
    [InlineData("99999999n", 999_999L)]
    public void Grpc_timeout_units_parse(string value, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(TimeSpan.FromTicks(ticks), timeout);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")]
    [InlineData("-1S")]
    [InlineData("123456789S")]
    public void Malformed_grpc_timeout_is_refused(string value) => Assert.False(GrpcTimeout.TryParse(value, out _));

    [Fact]
    public void Status_message_encoding_escapes_percent_and_non_printable_bytes_only()
    {
        Assert.Equal("a b~%25%0A%C3%A9", StatusMessage.Encode("a b~%\né"));
        Assert.Equal("a b~%\né", StatusMessage.Decode("a b~%25%0A%C3%A9"));
        Assert.Equal("100%zz", StatusMessage.Decode("100%zz"));
    }
}
