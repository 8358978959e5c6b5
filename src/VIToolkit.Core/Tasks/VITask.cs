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
/// </summary>
public sealed class VITask
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state = (int)VITaskState.Queued;
    private int _percent;

    internal VITask(long number, string name, string description, object? target)
    {
        Number = number;
        Id = $"Task-{number}";
        Name = name;
        Description = description;
        Target = target;
        QueuedTime = DateTime.Now;
    }

    /// <summary>The sequence number behind <see cref="Id"/>.</summary>
    public long Number { get; }

    /// <summary>Unique in this session: Task-1, Task-2…</summary>
    public string Id { get; }

    /// <summary>The operation, e.g. <c>MoveVM</c>.</summary>
    public string Name { get; }

    public string Description { get; }

    /// <summary>What the task works on (a VM, a host).</summary>
    public object? Target { get; }

    public VITaskState State => (VITaskState)Volatile.Read(ref _state);

    public int PercentComplete => Volatile.Read(ref _percent);

    /// <summary>A short word on what the task is doing now, e.g. "Migrating: 120 of 260 MiB".</summary>
    public string? Status { get; private set; }

    public DateTime QueuedTime { get; }

    public DateTime? StartTime { get; private set; }

    public DateTime? FinishTime { get; private set; }

    /// <summary>What the work produced (for Move-VM: the VM as it now is), once State is Success.</summary>
    public object? Result { get; private set; }

    /// <summary>Why the task failed or was cancelled.</summary>
    public VIToolkitException? Error { get; private set; }

    public bool IsCompleted => State is VITaskState.Success or VITaskState.Error or VITaskState.Cancelled;

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

    internal bool MarkRunning()
    {
        if (Interlocked.CompareExchange(ref _state, (int)VITaskState.Running, (int)VITaskState.Queued) != (int)VITaskState.Queued)
        {
            return false;
        }
        StartTime = DateTime.Now;
        return true;
    }

    /// <summary>Progress from the work (0–100), with a status line.</summary>
    public void Report(int percent, string? status = null)
    {
        Volatile.Write(ref _percent, Math.Clamp(percent, 0, 100));
        if (status is not null)
        {
            Status = status;
        }
    }

    internal void Finish(object? result)
    {
        Result = result;
        // A status the work left at 100 % (e.g. "is already powered on") is kept; otherwise the task says it completed.
        Status = PercentComplete == 100 && Status is not null ? Status : "Completed";
        Volatile.Write(ref _percent, 100);
        Complete(VITaskState.Success);
    }

    internal void Fail(VIToolkitException error)
    {
        Error = error;
        Status = error.Kind == ErrorKind.Cancelled ? "Cancelled" : "Failed";
        Complete(error.Kind == ErrorKind.Cancelled ? VITaskState.Cancelled : VITaskState.Error);
    }

    private void Complete(VITaskState state)
    {
        StartTime ??= DateTime.Now;
        FinishTime = DateTime.Now;
        Volatile.Write(ref _state, (int)state);
        _done.TrySetResult();
    }

    public override string ToString() => $"{Id} {Name} ({State})";
}
