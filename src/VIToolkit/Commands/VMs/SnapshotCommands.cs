using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Base;
using VIToolkit.Core;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Commands.VMs;

/// <summary>Takes a snapshot of VMs.</summary>
[Cmdlet(VerbsCommon.New, "Snapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Snapshot))]
public sealed class NewSnapshotCommand : VMTargetCommand
{
    [Parameter(Mandatory = true, Position = 1)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = null!;

    [Parameter]
    public string? Description { get; set; }

    protected override string ActionName => $"Take snapshot '{MessageText.Input(Name)}'";

    protected override void End() =>
        RunQueued(vm => SnapshotService.New(vm, Name, Description), (_, snapshot) => WriteObject(snapshot));
}

/// <summary>Gets the snapshots of VMs.</summary>
[Cmdlet(VerbsCommon.Get, "Snapshot")]
[OutputType(typeof(Snapshot))]
public sealed class GetSnapshotCommand : VMTargetCommand
{
    private readonly List<string> _found = new();
    private int _listed;

    [Parameter(Position = 1)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Name { get; set; }

    protected override string ActionName => "Get snapshots";

    protected override bool Confirm(VirtualMachine vm) => true;

    protected override void End()
    {
        var patterns = (Name ?? new[] { "*" }).Select(NamePattern.Create).ToList();
        RunQueued(SnapshotService.List, (_, snapshots) =>
        {
            _listed++;
            foreach (var snapshot in snapshots.Where(s => patterns.Any(p => p.IsMatch(s.Name))))
            {
                _found.Add(snapshot.Name);
                WriteObject(snapshot);
            }
        });
        // Only a listing that worked can say a snapshot is missing (no VM, or an unreadable one, says nothing).
        foreach (var missing in patterns.Where(p => _listed > 0 && !p.IsWildcard && !_found.Contains(p.Literal!)))
        {
            WriteVIError(new ObjectNotFoundException("SnapshotNotFound", $"No snapshot named '{MessageText.Input(missing.Literal)}' was found on the given VM(s).", missing.Literal));
        }
    }
}

/// <summary>Deletes snapshots.</summary>
[Cmdlet(VerbsCommon.Remove, "Snapshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(Snapshot))]
public sealed class RemoveSnapshotCommand : VIToolkitCmdlet
{
    /// <summary>Write each removed snapshot (as it was) to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Snapshots from Get-Snapshot.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [ValidateNotNullOrEmpty]
    public Snapshot[] Snapshot { get; set; } = null!;

    /// <summary>Also delete the snapshots taken after (children of) each one.</summary>
    [Parameter]
    public SwitchParameter RemoveChildren { get; set; }

    protected override void Process()
    {
        foreach (var snapshot in Snapshot)
        {
            if (!ShouldProcess($"Snapshot '{snapshot.Name}' of VM '{snapshot.VM.Name}'", RemoveChildren ? "Delete with its children" : "Delete"))
            {
                continue;
            }
            try
            {
                SnapshotService.Remove(snapshot, RemoveChildren);
                if (PassThru)
                {
                    WriteObject(snapshot);
                }
            }
            catch (VIToolkitException e)
            {
                WriteVIError(e, target: snapshot);
            }
        }
    }
}

/// <summary>Gets where the displays (VNC/SPICE) of VMs can be reached.</summary>
[Cmdlet(VerbsCommon.Get, "VMConsole")]
[OutputType(typeof(VMConsole))]
public sealed class GetVMConsoleCommand : VMTargetCommand
{
    protected override string ActionName => "Get console";

    protected override bool Confirm(VirtualMachine vm) => true;

    protected override void End() =>
        RunQueued(ConsoleService.Get, (_, consoles) => WriteObject(consoles, enumerateCollection: true));
}
