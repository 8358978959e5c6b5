using System.Management.Automation;
using System.Text.RegularExpressions;
using VIToolkit.Core;

namespace VIToolkit.Base;

/// <summary>
/// ValidatePattern with a message that shows the argument as every VIToolkit message shows an input
/// (<see cref="MessageText.Input"/>): PowerShell's own echoes all of it, a 10,000-character value included.
/// </summary>
internal sealed class ValidateInputPatternAttribute : ValidateArgumentsAttribute
{
    private readonly Regex _pattern;
    private readonly string _expected;

    /// <param name="pattern">The regular expression the whole argument must match.</param>
    /// <param name="expected">What a valid argument is, for the message ("a letter, then up to 20 letters, digits or '-'").</param>
    public ValidateInputPatternAttribute(string pattern, string expected)
    {
        _pattern = new Regex(pattern, RegexOptions.CultureInvariant);
        _expected = expected;
    }

    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        string text = arguments?.ToString() ?? string.Empty;
        if (!_pattern.IsMatch(text))
        {
            throw new ValidationMetadataException($"'{MessageText.Input(text)}' is not valid here: give {_expected}.");
        }
    }
}
