using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Services;
using Xunit;

namespace VIToolkit.Core.Tests;

/// <summary>
/// NamePattern against the real thing: PowerShell's WildcardPattern (the System.Management.Automation package; Core
/// itself must not reference it). Every pattern is tried on every name.
/// </summary>
public sealed class NamePatternTests
{
    private static readonly string[] s_names =
    {
        "web01", "WEB01", "Web02", "web10", "web", "we", "db01", "w", "a", "b", "ab", "aab", "abc", "ABC", "",
        "x*y", "xzy", "x`y", "xay", "x?y", "x[y", "a]b", "a[b", "a-b", "a-c", "a.b", "axb", @"a\b", "a`b",
        "[", "]", "`", "abc`", "!", "!w", "^", "-", "*", "?",
        "web-01", "web_01", "web99", "ümlaut-vm", "ÜMLAUT-vm", "<x>&'1", "w\u00ADeb01", "xay01", "İx", "ıx", "ix", "Ix",
    };

    /// <summary>Patterns with wildcards (as ContainsWildcardCharacters sees them): matching must equal WildcardPattern's.</summary>
    private static readonly string[] s_wildcardPatterns =
    {
        "*", "**", "?", "??", "*?*", "web*", "WEB*", "*01", "*web*", "w?b01", "a*b*c", "a?b", "*-vm", "ümlaut*",
        "web0[1-3]", "web0[1-3]*", "web[0-9][0-9]", "[0-9]*", "[w]eb*", "*[b]", "[a-c]x", "[A-C]*", "[a-]", "[-a]",
        "[a-c-e]", "[ab-]*", "[a`-c]", "[a`]]", "[`[]*", "[*]", "[?]", "[`]", "[]a]", "[]]", "]", "a]b", "`]*",
        // no negation in PowerShell: '!' and '^' are members of the set
        "[!w]*", "[!a]", "[^w]*", "[^a]",
        "x`*y*", "x`?y?", "`[a]", "*`*", "web``*", "a.b*", @"a\b*", "<x>&'*", "x?y", "x`a*",
        // invalid: WildcardPattern throws, NamePattern.Create refuses
        "a[b", "[", "[]", "[a", "web[", "[z-a]", "[!-[]", "[a`]",
    };

    public static TheoryData<string> WildcardPatterns => new(s_wildcardPatterns);

    /// <summary>Patterns without wildcards: exact, case-sensitive names (our deliberate rule).</summary>
    public static TheoryData<string, string> LiteralPatterns => new()
    {
        { "web01", "web01" },
        { "WEB01", "WEB01" },
        { "x`*y", "x*y" },
        { "x`?y", "x?y" },
        { "x`[y", "x[y" },
        { "a`]b", "a]b" },
        { "`]", "]" },
        { "x`ay", "xay" },
        { "a``b", "a`b" },
        { "abc`", "abc`" },
        { "`", "" },
        { "", "" },
        { "ümlaut-vm", "ümlaut-vm" },
        { "<x>&'1", "<x>&'1" },
    };

    [Fact]
    public void The_table_is_large_and_has_invalid_and_literal_patterns()
    {
        Assert.True(s_wildcardPatterns.Length + LiteralPatterns.Count >= 40);
        Assert.Contains(s_wildcardPatterns, p => Throws(() => WildcardPattern.Get(p, WildcardOptions.IgnoreCase).IsMatch("x")));
    }

    [Theory]
    [MemberData(nameof(WildcardPatterns))]
    public void A_wildcard_pattern_matches_as_WildcardPattern_does(string pattern)
    {
        Assert.True(WildcardPattern.ContainsWildcardCharacters(pattern));
        Assert.True(NamePattern.HasWildcard(pattern));
        Assert.Empty(Disagreements(pattern, s_names));
    }

    [Theory]
    [MemberData(nameof(LiteralPatterns))]
    public void A_pattern_without_wildcards_is_one_exact_case_sensitive_name(string pattern, string literal)
    {
        Assert.False(WildcardPattern.ContainsWildcardCharacters(pattern));
        var ours = NamePattern.Create(pattern);
        Assert.False(ours.IsWildcard);
        Assert.Equal(literal, ours.Literal);
        // The name is the one PowerShell's pattern stands for (case aside)…
        Assert.True(WildcardPattern.Get(pattern, WildcardOptions.None).IsMatch(literal));
        foreach (string name in s_names.Append(literal).Append(literal.ToUpperInvariant()))
        {
            bool matched = ours.IsMatch(name);
            // …and only that name, ordinally: never a match that PowerShell would not make, never a case-insensitive one.
            Assert.Equal(string.Equals(name, literal, StringComparison.Ordinal), matched);
            Assert.True(!matched || WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase).IsMatch(name), $"{pattern} / {name}");
        }
    }

    [Fact]
    public void Literal_names_differ_from_WildcardPattern_only_in_being_case_sensitive()
    {
        Assert.True(WildcardPattern.Get("web01", WildcardOptions.IgnoreCase).IsMatch("WEB01"));
        Assert.False(NamePattern.Create("web01").IsMatch("WEB01"));
        Assert.True(NamePattern.Create("web0?").IsMatch("WEB01")); // a wildcard pattern ignores case, as PowerShell's
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("tr-TR")] // dotted and dotless i: lower-casing and prefix comparison follow the culture, as in PowerShell
    [InlineData("de-DE")]
    public void Matching_follows_the_current_culture_as_WildcardPattern_does(string cultureName)
    {
        // Without '[...]': PowerShell caches a set's Regex per process whatever the culture, so a set would be
        // compared with whichever culture built it first.
        string[] patterns = { "i*", "I*", "İ*", "ı*", "?x", "*X", "I?", "*", "web*", "WEB0?", "ümlaut*", "ÜMLAUT-*", "w?b01", "*01" };
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(cultureName);
            Assert.All(patterns, p => Assert.Empty(Disagreements(p, s_names)));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void An_invalid_pattern_is_refused_with_a_stable_id()
    {
        var error = Assert.Throws<InvalidInputException>(() => NamePattern.Create("web[1"));
        Assert.Equal("InvalidWildcardPattern", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("web[1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_pattern_does_not_show_a_password()
    {
        var error = Assert.Throws<InvalidInputException>(() => NamePattern.Create("qemu+ssh://root:s3cret@[kvm01/system"));
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", error.Target?.ToString() ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void Null_is_no_name()
    {
        Assert.False(NamePattern.Create("*").IsMatch(null!));
        Assert.False(NamePattern.Create("web01").IsMatch(null!));
        Assert.False(NamePattern.HasWildcard(null!));
    }

    /// <summary>Each name on which NamePattern and WildcardPattern (IgnoreCase) disagree, with both answers.</summary>
    private static List<string> Disagreements(string pattern, IEnumerable<string> names)
    {
        var theirs = WildcardPattern.Get(pattern, WildcardOptions.IgnoreCase);
        NamePattern? ours = null;
        bool oursRefused = Throws(() => ours = NamePattern.Create(pattern));
        var disagreements = new List<string>();
        foreach (string name in names)
        {
            string expected = Outcome(() => theirs.IsMatch(name));
            string actual = oursRefused ? "invalid" : Outcome(() => ours!.IsMatch(name));
            if (expected != actual)
            {
                disagreements.Add($"'{pattern}' on '{name}': WildcardPattern {expected}, NamePattern {actual}");
            }
        }
        return disagreements;
    }

    private static string Outcome(Func<bool> match)
    {
        try
        {
            return match() ? "match" : "no match";
        }
        catch (Exception e) when (e is WildcardPatternException or ArgumentException)
        {
            return "invalid";
        }
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (Exception e) when (e is WildcardPatternException or ArgumentException or InvalidInputException)
        {
            return true;
        }
    }
}
