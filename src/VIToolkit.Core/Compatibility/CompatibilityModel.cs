using System;
using System.Collections.Generic;

namespace VIToolkit.Core.Compatibility;

/// <summary>Validation categories, as FailoverClusters' Test-Cluster groups its tests.</summary>
public enum CompatibilityCategory
{
    Storage,
    Network,
    Cpu,
    Hypervisor,
}

public enum CheckResult
{
    Passed,
    Warning,
    Failed,
    NotApplicable,
}

/// <summary>One check on one host: readable as a table row, scriptable by <see cref="Code"/>.</summary>
public sealed record CompatibilityResult(
    string? Cluster, string VMHost, CompatibilityCategory Category, string Check, CheckResult Result, string Code, string Message, string Source);

/// <summary>A check that Test-ClusterCompatibility runs (what -List shows).</summary>
public sealed record CompatibilityCheck(CompatibilityCategory Category, string Check, string Description);

public enum IssueSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>One reason a VM can or cannot move (Hyper-V's Compare-VM incompatibility).</summary>
public sealed record MigrationIssue(IssueSeverity Severity, string Code, string Message, string Source);

/// <summary>Can this VM move to that host, and why not.</summary>
public sealed class VMMigrationReport
{
    internal VMMigrationReport(Model.VirtualMachine vm, string source, string destination, IReadOnlyList<MigrationIssue> issues, string cpuMethod)
    {
        VM = vm;
        VMName = vm.Name;
        Source = source;
        Destination = destination;
        Issues = issues;
        CpuMethod = cpuMethod;
        Compatible = !issues.Exists(i => i.Severity == IssueSeverity.Error);
    }

    public Model.VirtualMachine VM { get; }
    public string VMName { get; }
    public string Source { get; }
    public string Destination { get; }
    public bool Compatible { get; }
    public IReadOnlyList<MigrationIssue> Issues { get; }
    /// <summary>How CPU compatibility was decided: HypervisorCompare, or the declared ModelName fallback.</summary>
    public string CpuMethod { get; }

    public override string ToString() => $"{VMName} -> {Destination}: {(Compatible ? "compatible" : "not compatible")}";
}

internal static class ListExtensions
{
    internal static bool Exists<T>(this IReadOnlyList<T> list, Predicate<T> match)
    {
        foreach (var item in list)
        {
            if (match(item))
            {
                return true;
            }
        }
        return false;
    }
}
