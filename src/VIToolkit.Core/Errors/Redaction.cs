using System;
using System.Text.RegularExpressions;

namespace VIToolkit.Core;

/// <summary>Removes secrets from text before it can reach a message, a log line or an object.</summary>
public static partial class Redaction
{
    // scheme://user:password@host → scheme://user@host
    [GeneratedRegex(@"(?<prefix>[A-Za-z][A-Za-z0-9+.\-]*://[^/?#@:\s]*):[^/?#@\s]*@", RegexOptions.CultureInvariant)]
    private static partial Regex UriPassword();

    /// <summary>Strips the password part of every URI user-info found in <paramref name="text"/>.</summary>
    public static string RedactUris(string text) =>
        string.IsNullOrEmpty(text) ? text : UriPassword().Replace(text, "${prefix}@");

    /// <summary>Strips URI passwords and every occurrence of a known secret.</summary>
    public static string Redact(string text, string? secret)
    {
        text = RedactUris(text);
        return string.IsNullOrEmpty(secret) ? text : text.Replace(secret, "***", StringComparison.Ordinal);
    }
}
