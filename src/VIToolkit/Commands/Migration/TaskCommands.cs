using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using VIToolkit.Core.Engine;
using VIToolkit.Base;
using VIToolkit.Core;
using VIToolkit.Core.Services;
using VIToolkit.Core.Tasks;

namespace VIToolkit.Commands.Migration;

/// <summary>Gets the tasks of this session (Move-VM -RunAsync and the lifecycle cmdlets' -RunAsync), oldest first.</summary>
[Cmdlet(VerbsCommon.Get, "Task")]
[OutputType(typeof(VITask))]
public sealed class GetTaskCommand : VIToolkitCmdlet
{
    /// <summary>Task ids, e.g. Task-3 (wildcards allowed).</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string[]? Id { get; set; }

    /// <summary>Only tasks in these states.</summary>
    [Parameter]
    public VITaskState[]? Status { get; set; }

    protected override void Process()
    {
        var patterns = (Id ?? new[] { "*" }).Select(NamePattern.Create).ToList();
        // Snapshots: each row is one moment of its task, and the -Status filter holds for what is written.
        var tasks = Session.Tasks.All.Select(t => t.Snapshot()).Where(t => patterns.Any(p => TaskResolver.Matches(p, t.Id)) && (Status is not { Length: > 0 } || Status.Contains(t.State))).ToList();
        WriteObject(tasks, enumerateCollection: true);
        var known = Session.Tasks.All;
        foreach (var missing in patterns.Where(p => !p.IsWildcard && !known.Any(t => TaskResolver.Matches(p, t.Id))))
        {
            WriteVIError(TaskResolver.NotFound(missing.Literal!));
        }
    }
}

/// <summary>Waits for tasks and writes each one's result (for Move-VM: the moved VM), in input order.</summary>
[Cmdlet(VerbsLifecycle.Wait, "Task")]
[OutputType(typeof(object))]
public sealed class WaitTaskCommand : VIToolkitCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [TaskTransformation]
    [ValidateNotNullOrEmpty]
    public TaskArgument[] Task { get; set; } = null!;

    /// <summary>Stop waiting after this many seconds (the tasks go on); PowerCLI's Wait-Task has no such limit.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int? TimeoutSeconds { get; set; }

    private readonly List<VITask> _tasks = new();

    protected override void Process()
    {
        foreach (var task in Found(TaskResolver.Resolve(Task, Session)).Where(t => !_tasks.Contains(t)))
        {
            _tasks.Add(task);
        }
    }

    private void WriteOutcome(VITask task)
    {
        if (task.State == VITaskState.Success)
        {
            if (task.Result is not null)
            {
                WriteObject(task.Result);
            }
        }
        else if (task.Error is { } error)
        {
            WriteVIError(error, target: task);
        }
    }

    protected override void End()
    {
        var timeout = TimeoutSeconds is int s ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        var unfinished = new TaskWaiter(this, "Wait for tasks").Wait(_tasks, timeout, CancellationToken, WriteOutcome);
        if (CancellationToken.IsCancellationRequested)
        {
            return;
        }
        foreach (var task in unfinished)
        {
            // Tasks after the first unfinished one may have finished meanwhile: they are written as usual.
            if (task.IsCompleted)
            {
                WriteOutcome(task);
                continue;
            }
            WriteVIError(new VIToolkitException("WaitTaskTimeout", ErrorKind.Timeout,
                $"{task.Id} ({task.Description}) is still {task.State} after {TimeoutSeconds} s; it goes on (Stop-Task cancels it).") { Target = task });
        }
    }
}

/// <summary>Cancels tasks. A queued task never starts; a running move is aborted and its VM stays on its source.</summary>
[Cmdlet(VerbsLifecycle.Stop, "Task", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(VITask))]
public sealed class StopTaskCommand : VIToolkitCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    [TaskTransformation]
    [ValidateNotNullOrEmpty]
    public TaskArgument[] Task { get; set; } = null!;

    /// <summary>Write each task after the request to stop.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void Process()
    {
        foreach (var task in Found(TaskResolver.Resolve(Task, Session)))
        {
            if (task.IsCompleted)
            {
                WriteWarning($"{task.Id} ({task.Description}) has already finished: {task.State}.");
            }
            else if (ShouldProcess($"{task.Id}: {task.Description}", "Cancel"))
            {
                task.Cancel();
            }
            if (PassThru)
            {
                WriteObject(task);
            }
        }
    }
}
