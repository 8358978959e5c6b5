using System;
using System.Threading;
using System.Threading.Tasks;

namespace VIToolkit.Core.Tasks;

/// <summary>PowerCLI's task states.</summary>
public enum VITaskState
{
    Queued,
    Running,
    Success,
    Error,
    Cancelled,
}

/// <summary>
/// Long work running in the background of this process (PowerCLI's Task): Move-VM -RunAsync and the lifecycle
/// cmdlets' -RunAsync return these. State moves Queued → Running → Success | Error | Cancelled, never back.
/// The task returned by -RunAsync is live (its State follows the work); Get-Task returns snapshots
/// (<see cref="Snapshot"/>), whose every property is from one moment, so a row never mixes two states.
/// </summary>
public sealed class VITask
{
    /// <summary>Everything about a task that changes, replaced as one: a reader never sees half a transition.</summary>
    private sealed record Phase(VITaskState State, int Percent, string? Status, DateTime? Start, DateTime? Finish,
        object? Result, VIToolkitException? Error);

    private readonly CancellationTokenSource _cancel;
    private readonly TaskCompletionSource _done;
    private readonly VITask? _live;
    private Phase _phase = new(VITaskState.Queued, 0, null, null, null, null, null);

    internal VITask(long number, string name, string description, object? target)
    {
        Number = number;
        Id = $"Task-{number}";
        Name = name;
        Description = description;
        Target = target;
        QueuedTime = DateTime.Now;
        _cancel = new CancellationTokenSource();
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private VITask(VITask live)
    {
        Number = live.Number;
        Id = live.Id;
        Name = live.Name;
        Description = live.Description;
        Target = live.Target;
        QueuedTime = live.QueuedTime;
        _cancel = live._cancel;
        _done = live._done;
        _live = live;
        _phase = live.Current;
    }

    private Phase Current => Volatile.Read(ref _phase);

    /// <summary>The sequence number behind <see cref="Id"/>.</summary>
    public long Number { get; }

    /// <summary>Unique in this session: Task-1, Task-2…</summary>
    public string Id { get; }

    /// <summary>The operation, e.g. <c>MoveVM</c>.</summary>
    public string Name { get; }

    public string Description { get; }

    /// <summary>What the task works on (a VM, a host).</summary>
    public object? Target { get; }

    public VITaskState State => Current.State;

    public int PercentComplete => Current.Percent;

    /// <summary>A short word on what the task is doing now, e.g. "Migrating: 120 of 260 MiB".</summary>
    public string? Status => Current.Status;

    public DateTime QueuedTime { get; }

    public DateTime? StartTime => Current.Start;

    public DateTime? FinishTime => Current.Finish;

    /// <summary>What the work produced (for Move-VM: the VM as it now is), once State is Success.</summary>
    public object? Result => Current.Result;

    /// <summary>Why the task failed or was cancelled.</summary>
    public VIToolkitException? Error => Current.Error;

    public bool IsCompleted => Current.State is VITaskState.Success or VITaskState.Error or VITaskState.Cancelled;

    /// <summary>False for a snapshot from Get-Task (it keeps the moment it was read; Wait-Task and Stop-Task act on the live task).</summary>
    public bool IsLive => _live is null;

    /// <summary>The live task behind a snapshot (itself when live).</summary>
    public VITask Live => _live ?? this;

    /// <summary>The task as it is now, frozen: what Get-Task returns.</summary>
    public VITask Snapshot() => new(Live);

    /// <summary>Signalled when the task is asked to stop; work registers its abort (e.g. virDomainAbortJob) on it.</summary>
    public CancellationToken CancellationToken => _cancel.Token;

    /// <summary>Completes when the task does (never faults).</summary>
    internal Task Completion => _done.Task;

    /// <summary>Asks the task to stop. A queued task is cancelled at once; running work stops as its operation allows.</summary>
    public void Cancel()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // finished meanwhile
        }
    }

    /// <summary>Waits for the task to finish; false when <paramref name="timeout"/> passes first.</summary>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return _done.Task.Wait(timeout, cancellationToken);
        }
        catch (AggregateException)
        {
            return true;
        }
    }

    internal bool MarkRunning() =>
        Change(p => p.State == VITaskState.Queued ? p with { State = VITaskState.Running, Start = DateTime.Now } : null);

    /// <summary>Progress from the work (0–100), with a status line.</summary>
    public void Report(int percent, string? status = null) =>
        Change(p => p.State is VITaskState.Queued or VITaskState.Running
            ? p with { Percent = Math.Clamp(percent, 0, 100), Status = status ?? p.Status }
            : null);

    internal void Finish(object? result) => Complete(p => p with
    {
        State = VITaskState.Success,
        Result = result,
        // A status the work left at 100 % (e.g. "is already powered on") is kept; otherwise the task says it completed.
        Status = p.Percent == 100 && p.Status is not null ? p.Status : "Completed",
        Percent = 100,
    });

    internal void Fail(VIToolkitException error) => Complete(p => p with
    {
        State = error.Kind == ErrorKind.Cancelled ? VITaskState.Cancelled : VITaskState.Error,
        Error = error,
        Status = error.Kind == ErrorKind.Cancelled ? "Cancelled" : "Failed",
    });

    private void Complete(Func<Phase, Phase> finish)
    {
        var now = DateTime.Now;
        if (Change(p => p.State is VITaskState.Queued or VITaskState.Running ? finish(p) with { Start = p.Start ?? now, Finish = now } : null))
        {
            _done.TrySetResult();
        }
    }

    /// <summary>Replaces the phase as one; <paramref name="next"/> returns null when the transition does not apply.</summary>
    private bool Change(Func<Phase, Phase?> next)
    {
        if (_live is not null)
        {
            throw new InvalidOperationException($"{Id} is a snapshot; its live task changes, not it.");
        }
        while (true)
        {
            var seen = Current;
            if (next(seen) is not { } changed)
            {
                return false;
            }
            if (ReferenceEquals(Interlocked.CompareExchange(ref _phase, changed, seen), seen))
            {
                return true;
            }
        }
    }

    public override string ToString() => $"{Id} {Name} ({State})";
}
