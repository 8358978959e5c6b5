using System;
using System.Text;
using System.Text.RegularExpressions;

namespace VIToolkit.Core.Services;

/// <summary>
/// A name filter with PowerShell's wildcard rules (<c>*</c>, <c>?</c>, <c>[a-z]</c>, backtick escapes, case-insensitive).
/// A name without wildcard characters is exact and case-sensitive, as libvirt names are.
/// </summary>
public sealed class NamePattern
{
    private readonly Regex? _regex;

    private NamePattern(string text)
    {
        Text = text;
        IsWildcard = HasWildcard(text);
        _regex = IsWildcard ? new Regex(ToRegex(text), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant) : null;
        Literal = IsWildcard ? null : Unescape(text);
    }

    public string Text { get; }

    public bool IsWildcard { get; }

    /// <summary>The exact name (escapes removed) when the pattern has no wildcard.</summary>
    public string? Literal { get; }

    public static NamePattern Create(string text) => new(text ?? throw new ArgumentNullException(nameof(text)));

    public static bool HasWildcard(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '`')
            {
                i++;
                continue;
            }
            if (c is '*' or '?' or '[')
            {
                return true;
            }
        }
        return false;
    }

    public bool IsMatch(string name) => _regex?.IsMatch(name) ?? string.Equals(name, Literal, StringComparison.Ordinal);

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (int i = 0; i < pattern.Length; i++)
        {
            char c = pattern[i];
            switch (c)
            {
                case '`' when i + 1 < pattern.Length:
                    regex.Append(Regex.Escape(pattern[++i].ToString()));
                    break;
                case '*':
                    regex.Append(".*");
                    break;
                case '?':
                    regex.Append('.');
                    break;
                case '[':
                    int close = pattern.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                        break;
                    }
                    string set = pattern.Substring(i + 1, close - i - 1).Replace(@"\", @"\\", StringComparison.Ordinal);
                    regex.Append('[').Append(set.StartsWith('!') ? "^" + set[1..] : set).Append(']');
                    i = close;
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return regex.Append('$').ToString();
    }

    private static string Unescape(string text) =>
        text.Contains('`', StringComparison.Ordinal) ? Regex.Replace(text, "`(.)", "$1") : text;

    public override string ToString() => Text;
}
