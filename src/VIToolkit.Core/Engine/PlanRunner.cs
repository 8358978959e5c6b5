using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Migration;
using VIToolkit.Core.Model;
using VIToolkit.Core.Tasks;

namespace VIToolkit.Core.Engine;

/// <summary>One move of a plan: a VM, where it goes, and how (the request carries the snapshot it was checked on).</summary>
public sealed record PlanStep(VirtualMachine VM, VIServer Destination, MigrationRequest Request)
{
    public string Description => $"Move VM '{VM.Name}' from '{VM.VMHostName}' to '{Destination.Name}'";
}

/// <summary>What became of one step.</summary>
public sealed record StepOutcome(PlanStep Step, VITask Task)
{
    public bool Succeeded => Task.State == VITaskState.Success;

    /// <summary>The VM as it is on its destination, when the step succeeded.</summary>
    public VirtualMachine? Result => Task.Result as VirtualMachine;

    public VIToolkitException? Error => Task.Error;
}

/// <summary>
/// Executes an already-checked plan of moves (Move-VM, maintenance evacuation; HA restarts and DRS moves next): every
/// step is a task of the session, at most <c>maxParallel</c> run at once, the per-host outbound bound of
/// <see cref="MigrationGates"/> holds across plans, each step can be cancelled, and each has one outcome. A step checked
/// on a snapshot that is still fresh is not checked again; a stale one is.
/// </summary>
public sealed class PlanRunner
{
    private readonly VISession _session;

    internal PlanRunner(VISession session) => _session = session;

    /// <summary>Starts every step as a task named <paramref name="taskName"/> and returns the tasks, in step order.</summary>
    public IReadOnlyList<VITask> Start(IReadOnlyList<PlanStep> steps, string taskName, int maxParallel)
    {
        var throttle = new SemaphoreSlim(Math.Max(1, maxParallel));
        var migration = _session.Migration;
        return steps.Select(step => _session.Tasks.Start(taskName, step.Description, step.VM, task =>
        {
            throttle.Wait(task.CancellationToken);
            try
            {
                return migration.Move(step.VM, step.Destination, step.Request, task, task.CancellationToken);
            }
            finally
            {
                throttle.Release();
            }
        })).ToList();
    }

    /// <summary>
    /// Runs the steps to the end and returns one outcome per step, in step order. Cancelling
    /// <paramref name="cancellationToken"/> cancels every step that has not finished and still waits for them, so that
    /// when this returns nothing of the plan is running any more.
    /// </summary>
    public IReadOnlyList<StepOutcome> Run(IReadOnlyList<PlanStep> steps, string taskName, int maxParallel,
        IProgress<(int Completed, int Total)>? progress, CancellationToken cancellationToken)
    {
        var tasks = Start(steps, taskName, maxParallel);
        using (cancellationToken.Register(() =>
        {
            foreach (var task in tasks)
            {
                task.Cancel();
            }
        }))
        {
            int completed = 0;
            foreach (var task in tasks)
            {
                task.Wait(Timeout.InfiniteTimeSpan, CancellationToken.None);
                progress?.Report((++completed, tasks.Count));
            }
        }
        return steps.Select((step, i) => new StepOutcome(step, tasks[i])).ToList();
    }
}
