using VIToolkit.Core.Connections;
using Xunit;

namespace VIToolkit.Core.Tests;

public sealed class ConnectionUriTests
{
    [Theory]
    [InlineData("qemu:///system", "qemu", null, null, "/system")]
    [InlineData("qemu+ssh://root@kvm01/system", "qemu", "ssh", "kvm01", "/system")]
    [InlineData("qemu+tcp://10.0.0.5:16509/system", "qemu", "tcp", "10.0.0.5", "/system")]
    [InlineData("qemu+unix:///system?socket=/tmp/kvm01/libvirt-sock", "qemu", "unix", null, "/system")]
    [InlineData("test:///default", "test", null, null, "/default")]
    [InlineData("test+unix:///default?socket=/run/x", "test", "unix", null, "/default")]
    [InlineData("qemu+ssh://[fe80::1]/system", "qemu", "ssh", "[fe80::1]", "/system")]
    public void Valid_uris_parse(string text, string driver, string? transport, string? host, string path)
    {
        var uri = ConnectionUri.Parse(text);
        Assert.Equal(driver, uri.Driver);
        Assert.Equal(transport, uri.Transport);
        Assert.Equal(host, uri.Host);
        Assert.Equal(path, uri.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("kvm01")]
    [InlineData("not a uri")]
    [InlineData("qemu+ssh://host:99999/system")]
    [InlineData("qemu://host/sys tem")]
    [InlineData("://system")]
    public void Invalid_uris_are_refused_with_InvalidUri(string text)
    {
        var error = Assert.Throws<InvalidInputException>(() => ConnectionUri.Parse(text));
        Assert.Equal("InvalidUri", error.ErrorId);
    }

    [Fact]
    public void Bare_host_name_gets_a_helpful_hint()
    {
        var error = Assert.Throws<InvalidInputException>(() => ConnectionUri.Parse("kvm01"));
        Assert.Contains("qemu+ssh://kvm01/system", error.Message);
    }

    [Fact]
    public void Password_is_removed_everywhere_it_could_be_shown()
    {
        var uri = ConnectionUri.Parse("qemu+ssh://admin:p%40ss@kvm01/system");
        Assert.Equal("qemu+ssh://admin@kvm01/system", uri.Redacted);
        Assert.Equal("qemu+ssh://admin@kvm01/system", uri.ToString());
        Assert.Equal("admin", uri.User);
        Assert.True(uri.HasPassword);
        var invalid = Assert.Throws<InvalidInputException>(() => ConnectionUri.Parse("qemu+ssh://admin:hunter2@kvm01:0/system"));
        Assert.DoesNotContain("hunter2", invalid.Message);
        Assert.DoesNotContain("hunter2", invalid.Target!.ToString());
    }

    [Theory]
    [InlineData("test:///tmp/lab/esx07.xml", "esx07")]
    [InlineData("test:///default", "test-default")]
    [InlineData("qemu+ssh://root@kvm02/system", "kvm02")]
    [InlineData("qemu:///system", null)]
    public void Default_names(string text, string? expected) => Assert.Equal(expected, ConnectionUri.Parse(text).DefaultName());

    [Theory]
    [InlineData("user:pw@", "error at qemu+tcp://user:pw@host/system!", "error at qemu+tcp://user@host/system!")]
    [InlineData("none", "no uri here", "no uri here")]
    public void Redaction_strips_user_info_passwords(string _, string input, string expected) =>
        Assert.Equal(expected, Redaction.RedactUris(input));
}
