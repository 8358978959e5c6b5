using VIToolkit.Core.Services;
using Xunit;

namespace VIToolkit.Core.Tests;

public sealed class NamePatternTests
{
    [Theory]
    [InlineData("web*", "web01", true)]
    [InlineData("web*", "WEB01", true)]
    [InlineData("web*", "db01", false)]
    [InlineData("w?b01", "wab01", true)]
    [InlineData("web0[1-3]", "web02", true)]
    [InlineData("web0[1-3]", "web04", false)]
    [InlineData("a.b*", "axb", false)]
    [InlineData("x`*y", "x*y", true)]
    [InlineData("x`*y", "xzy", false)]
    [InlineData("web01", "web01", true)]
    [InlineData("web01", "WEB01", false)]
    [InlineData("<x>&'*", "<x>&'1", true)]
    [InlineData("ümlaut*", "ÜMLAUT-vm", true)]
    public void Matches_like_PowerShell(string pattern, string name, bool expected) =>
        Assert.Equal(expected, NamePattern.Create(pattern).IsMatch(name));

    [Fact]
    public void Escaped_wildcards_are_literal_names()
    {
        var pattern = NamePattern.Create("x`*y");
        Assert.False(pattern.IsWildcard);
        Assert.Equal("x*y", pattern.Literal);
    }
}
