using Xunit;

namespace VIToolkit.Core.Tests;

/// <summary>How inputs and quoted messages go into VIToolkit's messages (issue 10, item 18).</summary>
public sealed class MessageTextTests
{
    [Fact]
    public void A_short_input_is_shown_as_it_is()
    {
        Assert.Equal("web01", MessageText.Input("web01"));
        Assert.Equal(new string('a', 60), MessageText.Input(new string('a', 60)));
        Assert.Equal(string.Empty, MessageText.Input(null));
    }

    [Fact]
    public void A_long_input_is_cut_to_its_first_60_characters_and_an_ellipsis()
    {
        string shown = MessageText.Input(new string('a', 10_000));
        Assert.Equal(new string('a', 60) + "…", shown);
    }

    [Fact]
    public void A_cut_never_splits_a_surrogate_pair()
    {
        string text = new string('a', 59) + "😀" + new string('b', 10);
        string shown = MessageText.Input(text);
        Assert.Equal(new string('a', 59) + "…", shown);
    }

    [Fact]
    public void A_password_is_removed_before_the_cut_so_no_part_of_it_remains()
    {
        string uri = "qemu+ssh://root:" + new string('s', 50) + "@kvm01/system";
        string shown = MessageText.Input(uri);
        Assert.DoesNotContain("sss", shown);
        Assert.Equal("qemu+ssh://root@kvm01/system", shown);
    }

    [Fact]
    public void Control_characters_are_shown_as_question_marks()
    {
        Assert.Equal("esc?[31mred new?line", MessageText.Input("esc\u001b[31mred new\nline"));
    }

    [Theory]
    [InlineData("line 1, position 47.", "line 1, position 47")]
    [InlineData("no period", "no period")]
    [InlineData("two periods.. ", "two periods")]
    [InlineData(null, "")]
    public void A_clause_loses_its_final_period(string? text, string expected) =>
        Assert.Equal(expected, MessageText.Clause(text));

    [Theory]
    [InlineData("Operation failed", "Operation failed.")]
    [InlineData("Operation failed.", "Operation failed.")]
    [InlineData("Really?", "Really?")]
    [InlineData("", "")]
    public void A_sentence_ends_with_one_period(string text, string expected) =>
        Assert.Equal(expected, MessageText.Sentence(text));
}
