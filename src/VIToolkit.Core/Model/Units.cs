namespace VIToolkit.Core.Model;

internal static class Units
{
    internal const double KiB = 1024d;
    internal const double MiB = 1024d * 1024;
    internal const double GiB = 1024d * 1024 * 1024;
}
