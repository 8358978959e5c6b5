using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace VIToolkit.Core.Services;

/// <summary>
/// A name filter with PowerShell's wildcard rules: it matches as
/// <c>WildcardPattern.Get(text, WildcardOptions.IgnoreCase).IsMatch(name)</c> does, and <see cref="IsWildcard"/> is
/// <c>WildcardPattern.ContainsWildcardCharacters(text)</c>. Core references no PowerShell, so this is a port of
/// PowerShell's own parser and matcher (engine/regex.cs), and NamePatternTests compares the two on a table of patterns.
/// The rules, as PowerShell has them:
/// <list type="bullet">
/// <item><c>*</c> any run of characters, <c>?</c> any one character, <c>[abc]</c> and <c>[a-c]</c> one character of a set,
/// case-insensitively (current culture), the whole name.</item>
/// <item>There is no negation: in <c>[!a]</c> and <c>[^a]</c>, <c>!</c> and <c>^</c> are members of the set.</item>
/// <item>A backtick makes the next character literal, inside brackets too (<c>[a`-c]</c> is a, - and c); a trailing
/// backtick is a literal backtick.</item>
/// <item><c>]</c> right after <c>[</c> is a member (<c>[]a]</c>); elsewhere outside brackets <c>]</c> is a literal
/// character — but it still makes the text a wildcard pattern, as it does for ContainsWildcardCharacters.</item>
/// <item>An unclosed <c>[</c> (also <c>[]</c>) or a reversed range (<c>[z-a]</c>) is not a pattern: <see cref="Create"/>
/// refuses it with <c>InvalidWildcardPattern</c>, where WildcardPattern throws WildcardPatternException.</item>
/// </list>
/// One deliberate difference: text without wildcard characters is an exact, case-sensitive (ordinal) name, because
/// libvirt names are case-sensitive: <c>web01</c> does not match <c>WEB01</c> (WildcardPattern would say it does). Its
/// escapes are removed (<see cref="Literal"/>): <c>x`*y</c> is the name <c>x*y</c>.
/// </summary>
public sealed class NamePattern
{
    private const char EscapeChar = '`';
    private const string SpecialChars = "*?[]`";
    private const string RegexChars = "()[.?*{}^$+|\\"; // ']' is missing on purpose, as in PowerShell

    private readonly Func<string, bool> _isMatch;

    private NamePattern(string text)
    {
        Text = text;
        IsWildcard = HasWildcard(text);
        if (IsWildcard)
        {
            _isMatch = WildcardMatcher(text);
        }
        else
        {
            string literal = Unescape(text);
            Literal = literal;
            _isMatch = name => string.Equals(name, literal, StringComparison.Ordinal);
        }
    }

    public string Text { get; }

    public bool IsWildcard { get; }

    /// <summary>The exact name (escapes removed) when the pattern has no wildcard.</summary>
    public string? Literal { get; }

    /// <summary>The pattern for <paramref name="text"/>; an invalid pattern is an <see cref="InvalidInputException"/> (<c>InvalidWildcardPattern</c>).</summary>
    public static NamePattern Create(string text) => new(text ?? throw new ArgumentNullException(nameof(text)));

    /// <summary>True when <paramref name="text"/> has an unescaped <c>*</c>, <c>?</c>, <c>[</c> or <c>]</c> (PowerShell's ContainsWildcardCharacters).</summary>
    public static bool HasWildcard(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] is '*' or '?' or '[' or ']')
            {
                return true;
            }
            if (text[i] == EscapeChar)
            {
                i++;
            }
        }
        return false;
    }

    public bool IsMatch(string name) => name is not null && _isMatch(name);

    /// <summary>What a pattern without wildcards matches: each backtick takes the next character literally.</summary>
    private static string Unescape(string text)
    {
        var literal = new StringBuilder(text.Length);
        bool escaped = false;
        foreach (char c in text)
        {
            if (c != EscapeChar || escaped)
            {
                literal.Append(c);
            }
            escaped = c == EscapeChar && !escaped;
        }
        if (escaped && text != "`") // PowerShell: a lone "`" is the empty pattern, a trailing one a literal backtick
        {
            literal.Append(EscapeChar);
        }
        return literal.ToString();
    }

    // PowerShell's WildcardPattern.Init: the same shortcuts, then the same parser and matcher, so that even the
    // culture-sensitive corners (a prefix compared with the culture's rules, per-character lower-casing) agree.
    private static Func<string, bool> WildcardMatcher(string text)
    {
        if (text == "*")
        {
            return static _ => true;
        }
        var culture = CultureInfo.CurrentCulture;
        int special = text.AsSpan().IndexOfAny(SpecialChars);
        if (special == text.Length - 1 && text[special] == '*')
        {
            // "abc*": a culture-aware prefix comparison, ordinal in the POSIX locale (whose collation is case-sensitive).
            string prefix = text[..special];
            return culture.Name.Equals("en-US-POSIX", StringComparison.OrdinalIgnoreCase)
                ? name => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                : name => culture.CompareInfo.IsPrefix(name, prefix, CompareOptions.IgnoreCase);
        }
        var elements = Parse(text, culture);
        return name => Matches(elements, name, culture.TextInfo);
    }

    private static Element[] Parse(string text, CultureInfo culture)
    {
        var elements = new List<Element>();
        bool previousIsEscape = false;
        bool previousStartedBracket = false;
        bool inBracket = false;
        StringBuilder? members = null, operators = null;
        foreach (char c in text)
        {
            if (inBracket)
            {
                if (c == ']' && !previousStartedBracket && !previousIsEscape)
                {
                    // An unescaped ']' closes the set; there are no nested sets (unlike POSIX).
                    inBracket = false;
                    elements.Add(Element.Set(BracketRegex(members!.ToString(), operators!.ToString(), text)));
                }
                else if (c != EscapeChar || previousIsEscape)
                {
                    members!.Append(c);
                    operators!.Append(c == '-' && !previousIsEscape ? '-' : ' ');
                }
                previousStartedBracket = false;
            }
            else if (c == '*' && !previousIsEscape)
            {
                elements.Add(Element.Star);
            }
            else if (c == '?' && !previousIsEscape)
            {
                elements.Add(Element.AnyChar);
            }
            else if (c == '[' && !previousIsEscape)
            {
                inBracket = true;
                members = new StringBuilder();
                operators = new StringBuilder();
                previousStartedBracket = true;
            }
            else if (c != EscapeChar || previousIsEscape)
            {
                elements.Add(Element.Char(culture.TextInfo.ToLower(c)));
            }
            previousIsEscape = c == EscapeChar && !previousIsEscape;
        }
        if (inBracket)
        {
            throw Invalid(text);
        }
        if (previousIsEscape && text != "`")
        {
            elements.Add(Element.Char(culture.TextInfo.ToLower(EscapeChar)));
        }
        return elements.ToArray();
    }

    /// <summary>A set as PowerShell builds it: members literal, <c>x-y</c> a range only where the '-' was not escaped.</summary>
    private static Regex BracketRegex(string members, string operators, string text)
    {
        var regex = new StringBuilder("[");
        int i = 0;
        while (i < members.Length)
        {
            if (i + 2 < members.Length && operators[i + 1] == '-')
            {
                char lower = members[i], upper = members[i + 2];
                if (lower > upper)
                {
                    throw Invalid(text);
                }
                AppendSetMember(regex, lower);
                regex.Append('-');
                AppendSetMember(regex, upper);
                i += 3;
            }
            else
            {
                AppendSetMember(regex, members[i]);
                i++;
            }
        }
        regex.Append(']');
        try
        {
            return new Regex(regex.ToString(), RegexOptions.Singleline | RegexOptions.IgnoreCase);
        }
        catch (ArgumentException e)
        {
            throw Invalid(text, e); // e.g. "[!-[]": .NET reads "-[" as a class subtraction
        }
    }

    private static void AppendSetMember(StringBuilder regex, char c)
    {
        switch (c)
        {
            case '[':
                regex.Append('[');
                break;
            case ']':
                regex.Append(@"\]");
                break;
            case '-':
                regex.Append(@"\x2d");
                break;
            default:
                if (RegexChars.Contains(c, StringComparison.Ordinal))
                {
                    regex.Append('\\');
                }
                regex.Append(c);
                break;
        }
    }

    /// <summary>
    /// The NFA walk of PowerShell's WildcardPatternMatcher: the set of pattern positions reachable after each character
    /// of the name, in O(pattern × name) time without backtracking.
    /// </summary>
    private static bool Matches(Element[] elements, string name, TextInfo textInfo)
    {
        int count = elements.Length;
        var current = new bool[count + 1];
        var next = new bool[count + 1];
        current[0] = true;
        FollowStars(elements, current);
        foreach (char raw in name)
        {
            char c = textInfo.ToLower(raw);
            Array.Clear(next);
            bool any = false;
            for (int p = 0; p < count; p++)
            {
                if (!current[p])
                {
                    continue;
                }
                var element = elements[p];
                if (element.Kind == ElementKind.Star)
                {
                    next[p] = any = true;
                }
                else if (element.Kind == ElementKind.AnyChar
                    || (element.Kind == ElementKind.Char && element.Literal == c)
                    || (element.Kind == ElementKind.Set && element.Regex!.IsMatch(c.ToString())))
                {
                    next[p + 1] = any = true;
                }
            }
            if (!any)
            {
                return false;
            }
            FollowStars(elements, next);
            (current, next) = (next, current);
        }
        return current[count];
    }

    /// <summary>A '*' also matches nothing: wherever one is reached, the position after it is reached too.</summary>
    private static void FollowStars(Element[] elements, bool[] reached)
    {
        for (int p = 0; p < elements.Length; p++)
        {
            if (reached[p] && elements[p].Kind == ElementKind.Star)
            {
                reached[p + 1] = true;
            }
        }
    }

    private static InvalidInputException Invalid(string text, Exception? inner = null)
    {
        return new InvalidInputException("InvalidWildcardPattern", $"The specified wildcard character pattern is not valid: {MessageText.Input(text)}", Redaction.RedactUris(text), inner);
    }

    private enum ElementKind
    {
        Char,
        AnyChar,
        Star,
        Set,
    }

    private readonly record struct Element(ElementKind Kind, char Literal, Regex? Regex)
    {
        internal static readonly Element Star = new(ElementKind.Star, '\0', null);
        internal static readonly Element AnyChar = new(ElementKind.AnyChar, '\0', null);

        internal static Element Char(char c) => new(ElementKind.Char, c, null);

        internal static Element Set(Regex regex) => new(ElementKind.Set, '\0', regex);
    }

    public override string ToString() => Text;
}
