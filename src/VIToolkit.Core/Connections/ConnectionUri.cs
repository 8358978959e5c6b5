using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace VIToolkit.Core.Connections;

/// <summary>
/// A libvirt connection URI (<c>driver[+transport]://[user[:password]@][host[:port]]/[path][?query]</c>), validated
/// and split once. <see cref="Redacted"/> is the only form that may be shown or stored.
/// </summary>
public sealed partial class ConnectionUri
{
    [GeneratedRegex(
        @"^(?<driver>[A-Za-z][A-Za-z0-9]*)(\+(?<transport>[A-Za-z][A-Za-z0-9]*))?://" +
        @"((?<user>[^:@/?#\s]*)(:(?<password>[^@/?#\s]*))?@)?" +
        @"(?<host>\[[0-9A-Fa-f:.]+\]|[^:/?#@\s]*)(:(?<port>[0-9]{1,5}))?" +
        @"(?<path>/[^?#\s]*)?(\?(?<query>[^#\s]*))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Grammar();

    private ConnectionUri(string original, Match match)
    {
        Original = original;
        Driver = match.Groups["driver"].Value.ToLowerInvariant();
        Transport = match.Groups["transport"].Success ? match.Groups["transport"].Value.ToLowerInvariant() : null;
        User = match.Groups["user"].Success && match.Groups["user"].Length > 0 ? Uri.UnescapeDataString(match.Groups["user"].Value) : null;
        HasPassword = match.Groups["password"].Success;
        Host = match.Groups["host"].Value.Length > 0 ? match.Groups["host"].Value : null;
        Port = match.Groups["port"].Success ? int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture) : null;
        Path = match.Groups["path"].Success ? match.Groups["path"].Value : string.Empty;
        Query = match.Groups["query"].Success ? match.Groups["query"].Value : null;
        Redacted = Redaction.RedactUris(original);
    }

    /// <summary>The URI as given, including any password: only ever handed to libvirt.</summary>
    internal string Original { get; }

    /// <summary>The URI without any password.</summary>
    public string Redacted { get; }

    public string Driver { get; }

    public string? Transport { get; }

    public string? User { get; }

    public bool HasPassword { get; }

    public string? Host { get; }

    public int? Port { get; }

    public string Path { get; }

    public string? Query { get; }

    /// <summary>The embedded test driver (in-process, or behind a daemon): a simulated host.</summary>
    public bool IsSimulated => Driver == "test";

    /// <summary>True when a daemon answers on the other end (anything but the in-process test driver).</summary>
    public bool HasDaemon => !(IsSimulated && Transport is null && Host is null);

    /// <summary>Parses <paramref name="text"/>; throws <see cref="InvalidInputException"/> (<c>InvalidUri</c>) when it is not a libvirt URI.</summary>
    public static ConnectionUri Parse(string text)
    {
        if (TryParse(text, out var uri, out string? problem))
        {
            return uri!;
        }
        throw new InvalidInputException("InvalidUri", problem!, Redaction.RedactUris(text ?? string.Empty));
    }

    public static bool TryParse(string? text, out ConnectionUri? uri, out string? problem)
    {
        uri = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            problem = "The server URI is empty. Use a libvirt URI such as 'qemu:///system' or 'test:///default'.";
            return false;
        }
        var match = Grammar().Match(text);
        if (!match.Success)
        {
            string shown = MessageText.Input(text);
            problem = text.Contains("://", StringComparison.Ordinal)
                ? $"'{shown}' is not a valid libvirt URI. Expected driver[+transport]://[user@][host[:port]]/path[?query], for example 'qemu+ssh://root@kvm01/system'."
                : $"'{shown}' is not a libvirt URI. To reach host '{shown}' over SSH use 'qemu+ssh://{shown}/system'; for the local hypervisor use 'qemu:///system'.";
            return false;
        }
        if (match.Groups["port"].Success && int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture) is < 1 or > 65535)
        {
            problem = $"'{MessageText.Input(text)}' has a port outside 1-65535.";
            return false;
        }
        uri = new ConnectionUri(text, match);
        problem = null;
        return true;
    }

    /// <summary>
    /// The name a host gets when none is given: the file name of a test-driver host file (<c>test:///lab/esx01.xml</c>
    /// is <c>esx01</c>), else the URI's host; null when only the daemon can tell (local URIs).
    /// </summary>
    public string? DefaultName()
    {
        if (IsSimulated && Path.Length > 1)
        {
            string file = System.IO.Path.GetFileNameWithoutExtension(Path);
            return Path == "/default" ? "test-default" : file;
        }
        return Host?.Trim('[', ']');
    }

    public override string ToString() => Redacted;
}
