using VIToolkit.Core.Compatibility;

namespace VIToolkit.Core.Migration;

/// <summary>Move-VM refused to move: the compatibility report says why.</summary>
public sealed class MigrationRefusedException : VIToolkitException
{
    public MigrationRefusedException(VMMigrationReport report, string message)
        : base("MigrationIncompatible", ErrorKind.Incompatible, message) => Report = report;

    /// <summary>Test-VMMigration's report for this VM and destination.</summary>
    public VMMigrationReport Report { get; }
}
