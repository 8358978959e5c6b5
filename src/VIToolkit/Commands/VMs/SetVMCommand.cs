using System;
using System.Collections.Generic;
using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Core;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Commands.VMs;

/// <summary>Changes VMs' memory, vCPUs and notes, or reverts them to a snapshot.</summary>
[Cmdlet(VerbsCommon.Set, "VM", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = Configure)]
[OutputType(typeof(VirtualMachine))]
public sealed class SetVMCommand : VMTargetCommand
{
    private const string Configure = "Configure";
    private const string Revert = "Revert";

    [Parameter(ParameterSetName = Configure)]
    [ValidateRange(1, long.MaxValue)]
    public long? MemoryMB { get; set; }

    [Parameter(ParameterSetName = Configure)]
    [ValidateRange(0.001, 1_048_576)]
    public double? MemoryGB { get; set; }

    [Parameter(ParameterSetName = Configure)]
    [ValidateRange(1, 4096)]
    public int? NumCpu { get; set; }

    /// <summary>New notes (libvirt description); an empty string clears them.</summary>
    [Parameter(ParameterSetName = Configure)]
    [AllowEmptyString]
    [Alias("Description")]
    public string? Notes { get; set; }

    /// <summary>Revert to this snapshot (a name, or a snapshot from Get-Snapshot). Asks for confirmation, as a destructive change.</summary>
    [Parameter(Mandatory = true, ParameterSetName = Revert)]
    [SnapshotNameTransformation]
    [ValidateNotNullOrEmpty]
    public string Snapshot { get; set; } = null!;

    /// <summary>Revert without asking for confirmation.</summary>
    [Parameter(ParameterSetName = Revert)]
    public SwitchParameter Force { get; set; }

    protected override string ActionName => ParameterSetName == Revert ? $"Revert to snapshot '{MessageText.Input(Snapshot)}'" : "Reconfigure";

    protected override void Begin()
    {
        if (MemoryMB is not null && MemoryGB is not null)
        {
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException("Give either -MemoryMB or -MemoryGB, not both."),
                "MemoryGivenTwice", ErrorCategory.InvalidArgument, null));
        }
        if (ParameterSetName == Configure && MemoryMB is null && MemoryGB is null && NumCpu is null && Notes is null)
        {
            ThrowTerminatingError(new ErrorRecord(new PSArgumentException("Nothing to change: give -MemoryMB/-MemoryGB, -NumCpu, -Notes or -Snapshot."),
                "NothingToChange", ErrorCategory.InvalidArgument, null));
        }
    }

    protected override bool Confirm(VirtualMachine vm)
    {
        if (ParameterSetName != Revert)
        {
            var changes = new List<string>();
            if ((MemoryMB ?? ToMB(MemoryGB)) is long mb) { changes.Add($"memory {mb} MB"); }
            if (NumCpu is int cpus) { changes.Add($"{cpus} vCPU(s)"); }
            if (Notes is not null) { changes.Add("notes"); }
            return ShouldProcess(Describe(vm), "Set " + string.Join(", ", changes));
        }
        // Reverting discards the VM's current state: confirm as a high-impact change even though Set-VM is medium.
        return ShouldProcessHighImpact(Describe(vm), ActionName, Force);
    }

    protected override void End()
    {
        if (ParameterSetName == Revert)
        {
            RunQueued(vm => SnapshotService.Revert(vm, Snapshot), (_, vm) => WriteObject(vm));
            return;
        }
        var change = new VMChange { MemoryMB = MemoryMB ?? ToMB(MemoryGB), NumCpu = NumCpu, Notes = Notes };
        RunQueued(vm => VMConfigService.Set(vm, change), WriteActionResult);
    }

    private static long? ToMB(double? gb) => gb is double g ? (long)Math.Round(g * 1024) : null;
}
