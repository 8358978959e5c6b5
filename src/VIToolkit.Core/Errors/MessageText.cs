using System;

namespace VIToolkit.Core;

/// <summary>
/// How text from outside (what the user typed, what libvirt or a parser said) goes into a message, an error's target
/// or a confirmation prompt. One place, so that a 10,000-character name cannot fill the screen from any of them and
/// no message reads "position 47.. It was".
/// </summary>
public static class MessageText
{
    /// <summary>How many characters of an input a message shows before it cuts it.</summary>
    public const int MaxInputLength = 60;

    /// <summary>
    /// An input value as a message or prompt shows it: without URI passwords (removed first, so a cut cannot leave
    /// half of one behind), control characters as '?' (an escape sequence in a name must not restyle the terminal),
    /// and, when longer than <see cref="MaxInputLength"/>, its first characters and "…".
    /// </summary>
    public static string Input(string? text)
    {
        string shown = Redaction.RedactUris(text ?? string.Empty);
        if (shown.Length > MaxInputLength)
        {
            int length = char.IsHighSurrogate(shown[MaxInputLength - 1]) ? MaxInputLength - 1 : MaxInputLength;
            shown = string.Concat(shown.AsSpan(0, length), "…");
        }
        return string.Create(shown.Length, shown, (span, source) =>
        {
            for (int i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    /// <summary>
    /// Text that a message continues after (<c>$"{Clause(why)}. It was…"</c>, <c>$"…: {Clause(reason)}."</c>):
    /// without the final period it may already have, so the message never doubles it.
    /// </summary>
    public static string Clause(string? text) => (text ?? string.Empty).TrimEnd().TrimEnd('.').TrimEnd();

    /// <summary>Text as one whole sentence: with exactly one final period (or its own '!' or '?').</summary>
    public static string Sentence(string? text)
    {
        string clause = (text ?? string.Empty).TrimEnd();
        return clause.Length == 0 || clause.EndsWith('!') || clause.EndsWith('?') ? clause : Clause(clause) + ".";
    }
}
