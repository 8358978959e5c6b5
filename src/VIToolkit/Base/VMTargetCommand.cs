using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Engine;
using VIToolkit.Completers;
using VIToolkit.Core;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Base;

/// <summary>
/// Base of every cmdlet that acts on VMs: -VM (objects, names, wildcards; from the pipeline), -Server, -ThrottleLimit.
/// Items are confirmed one by one as they arrive (ShouldProcess on the pipeline thread), then run together in
/// EndProcessing, at most ThrottleLimit at a time, with results, warnings and errors written in input order.
/// </summary>
public abstract class VMTargetCommand : VIToolkitCmdlet
{
    private readonly List<VirtualMachine> _queue = new();
    // A VM is its host plus its UUID: two hosts may hold the same UUID (a copied lab, a VM defined on both ends of a migration).
    private readonly HashSet<(string Host, Guid Uuid)> _seen = new();
    private IReadOnlyList<VIServer>? _servers;
    private VMNameScope? _scope;

    /// <summary>The VMs: objects from Get-VM, or names (wildcards allowed).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [VirtualMachineTransformation]
    [ArgumentCompleter(typeof(VMNameCompleter))]
    [SupportsWildcards]
    [ValidateNotNull]
    [AllowEmptyCollection] // an empty list does nothing, as an empty pipeline does
    public VMArgument[] VM { get; set; } = null!;

    /// <summary>Only VMs on these servers (useful with names).</summary>
    [Parameter]
    [VIServerTransformation]
    [ArgumentCompleter(typeof(VIServerNameCompleter))]
    [ValidateNotNullOrEmpty]
    public VIServerArgument[]? Server { get; set; }

    /// <summary>At most this many VMs are worked on at once.</summary>
    [Parameter]
    [ValidateRange(1, 256)]
    public int ThrottleLimit { get; set; } = BulkRunner.DefaultThrottle;

    /// <summary>The VMs confirmed so far, in input order.</summary>
    protected IReadOnlyList<VirtualMachine> Queued => _queue;

    /// <summary>The verb shown in -WhatIf, confirmations and progress, e.g. "Start".</summary>
    protected abstract string ActionName { get; }

    /// <summary>Whether to ask ShouldProcess for this VM (false skips it silently, e.g. -WhatIf).</summary>
    protected virtual bool Confirm(VirtualMachine vm) => ShouldProcess(Describe(vm), ActionName);

    protected static string Describe(VirtualMachine vm) => $"VM '{vm.Name}' on host '{vm.VMHostName}'";

    protected override void Process()
    {
        // -Server is not taken from the pipeline: it is resolved once, however many records come.
        if (_scope is null)
        {
            _servers = Server is null ? null : ResolveServers(Server);
            _scope = NameScope(_servers);
        }
        // The objects given are not read again here: each action re-reads its VM by UUID right before acting.
        foreach (var vm in Found(VMResolver.Resolve(VM, _scope, reread: false, CancellationToken)))
        {
            // Names are only looked up on -Server's servers; objects of other servers are skipped without a message.
            if (_servers is not null && !_servers.Contains(vm.Server))
            {
                continue;
            }
            // The same VM named twice (or by a name and an object) is worked on once.
            if (!_seen.Add((vm.Server.Id, vm.Uuid)))
            {
                continue;
            }
            if (Confirm(vm))
            {
                _queue.Add(vm);
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on the VM where it is now: an object read before a move (Move-VM, an evacuation)
    /// is no longer on the host it names, so when that host does not have it the VM is looked up by UUID on the other
    /// connected hosts, and the work runs there. Called on worker threads: writes nothing.
    /// </summary>
    private protected static T OnCurrentHost<T>(VirtualMachine vm, Func<VirtualMachine, T> work)
    {
        try
        {
            return work(vm);
        }
        catch (ObjectNotFoundException e) when (e.ErrorId == "VMNotFound" && VMService.Relocate(vm) is { } moved)
        {
            return work(moved);
        }
    }

    /// <summary>Runs <paramref name="work"/> over the confirmed VMs and hands each outcome to <paramref name="write"/> in input order.</summary>
    protected void RunQueued<T>(Func<VirtualMachine, T> work, Action<VirtualMachine, T> write)
    {
        var progress = new ProgressRecord(Math.Abs(GetType().Name.GetHashCode(StringComparison.Ordinal)) % 10000, $"{ActionName} VMs", "Starting");
        var clock = Stopwatch.StartNew();
        long lastReport = -1000;
        bool reported = false;
        void Report(int completed, int total)
        {
            // At most ten updates a second; none at all for short runs.
            if (total < 2 || clock.ElapsedMilliseconds - lastReport < 100 || clock.ElapsedMilliseconds < 250)
            {
                return;
            }
            lastReport = clock.ElapsedMilliseconds;
            progress.StatusDescription = $"{completed} of {total} VMs";
            progress.PercentComplete = completed * 100 / total;
            WriteProgress(progress);
            reported = true;
        }

        foreach (var item in BulkRunner.Run(_queue, vm => OnCurrentHost(vm, work), ThrottleLimit, CancellationToken, Report))
        {
            if (item.Error is null)
            {
                write(item.Input, item.Output!);
            }
            else
            {
                WriteFailure(item.Error, item.Input);
            }
        }
        if (reported)
        {
            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
        }
    }

    /// <summary>One non-terminating error for one VM; the others go on.</summary>
    protected void WriteFailure(Exception error, VirtualMachine vm)
    {
        if (error is VIToolkitException known)
        {
            WriteVIError(known, target: known.Target as VirtualMachine ?? vm);
        }
        else
        {
            WriteError(new ErrorRecord(error, "UnexpectedError", ErrorCategory.NotSpecified, vm));
        }
    }

    /// <summary>Writes the fresh VM, and a warning when it already was in the asked-for state.</summary>
    protected void WriteActionResult(VirtualMachine vm, VMActionResult result)
    {
        if (!result.Changed && result.Message is not null)
        {
            WriteWarning(result.Message);
        }
        WriteObject(result.VM);
    }
}

/// <summary>A power operation on VMs: the fresh VM objects come out.</summary>
public abstract class VMPowerCommand : VMTargetCommand
{
    /// <summary>Return one task per VM at once; the work goes on in the background (Get-Task, Wait-Task, Stop-Task).</summary>
    [Parameter]
    public SwitchParameter RunAsync { get; set; }

    /// <summary>The action on one VM; <paramref name="cancellationToken"/> is the pipeline's, or the task's with -RunAsync.</summary>
    protected abstract VMActionResult Act(VirtualMachine vm, System.Threading.CancellationToken cancellationToken);

    protected override void End()
    {
        if (!RunAsync)
        {
            RunQueued(vm => Act(vm, CancellationToken), WriteActionResult);
            return;
        }
        string name = MyInvocation.MyCommand.Name;
        // The tasks share the -ThrottleLimit bound; those waiting for a slot are Queued.
        var throttle = new System.Threading.SemaphoreSlim(ThrottleLimit);
        foreach (var vm in Queued)
        {
            // ShouldProcess already happened, on this thread, as each VM arrived.
            WriteObject(VISession.Default.Tasks.Start(name, $"{ActionName} VM '{vm.Name}' on '{vm.VMHostName}'", vm, task =>
            {
                throttle.Wait(task.CancellationToken);
                try
                {
                    Core.Tasks.TaskManager.BeginWork(task);
                    var result = OnCurrentHost(vm, current => Act(current, task.CancellationToken));
                    if (!result.Changed)
                    {
                        task.Report(100, result.Message);
                    }
                    return result.VM;
                }
                finally
                {
                    throttle.Release();
                }
            }));
        }
    }
}
