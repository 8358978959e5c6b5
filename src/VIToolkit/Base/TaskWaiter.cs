using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using VIToolkit.Core.Tasks;

namespace VIToolkit.Base;

/// <summary>
/// Waits for background tasks on a cmdlet's pipeline thread: writes their progress (one bar for the whole, one per
/// running task) and hands each finished task over in input order, as soon as it and those before it are done.
/// </summary>
internal sealed class TaskWaiter
{
    private readonly Cmdlet _cmdlet;
    private readonly string _activity;
    private readonly int _activityId;

    internal TaskWaiter(Cmdlet cmdlet, string activity)
    {
        _cmdlet = cmdlet;
        _activity = activity;
        _activityId = Math.Abs(activity.GetHashCode(StringComparison.Ordinal)) % 100000;
    }

    /// <summary>
    /// Waits for <paramref name="tasks"/>. Returns the tasks not finished when <paramref name="timeout"/> passed or
    /// <paramref name="cancellationToken"/> fired (empty when all finished).
    /// </summary>
    internal IReadOnlyList<VITask> Wait(IReadOnlyList<VITask> tasks, TimeSpan? timeout, CancellationToken cancellationToken, Action<VITask> finished)
    {
        var deadline = timeout is TimeSpan t ? DateTime.UtcNow + t : DateTime.MaxValue;
        var shown = new HashSet<VITask>();
        int next = 0;
        try
        {
            while (next < tasks.Count)
            {
                if (tasks[next].IsCompleted)
                {
                    finished(tasks[next]);
                    next++;
                    continue;
                }
                if (cancellationToken.IsCancellationRequested || DateTime.UtcNow >= deadline)
                {
                    return tasks.Skip(next).ToList();
                }
                var left = deadline - DateTime.UtcNow;
                if (left < TimeSpan.Zero)
                {
                    left = TimeSpan.Zero;
                }
                try
                {
                    tasks[next].Wait(left < TimeSpan.FromMilliseconds(250) ? left : TimeSpan.FromMilliseconds(250), cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return tasks.Skip(next).ToList();
                }
                Report(tasks, shown);
            }
            return Array.Empty<VITask>();
        }
        finally
        {
            if (shown.Count > 0 && !cancellationToken.IsCancellationRequested)
            {
                foreach (var task in shown)
                {
                    _cmdlet.WriteProgress(new ProgressRecord(ChildId(task), task.Description, "Done") { ParentActivityId = _activityId, RecordType = ProgressRecordType.Completed });
                }
                _cmdlet.WriteProgress(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed });
            }
        }
    }

    /// <summary>
    /// Waits for every task (no time limit). On Ctrl+C, asks the tasks still going to stop and waits for them to let
    /// go (a cancelled migration leaves its VM on the source), then returns false.
    /// </summary>
    internal bool WaitAllOrCancel(IReadOnlyList<VITask> tasks, CancellationToken cancellationToken, Action<VITask> finished)
    {
        var unfinished = Wait(tasks, null, cancellationToken, finished);
        if (unfinished.Count == 0)
        {
            return true;
        }
        foreach (var task in unfinished)
        {
            task.Cancel();
        }
        foreach (var task in unfinished)
        {
            task.Wait(TimeSpan.FromSeconds(60), CancellationToken.None);
        }
        return false;
    }

    private void Report(IReadOnlyList<VITask> tasks, HashSet<VITask> shown)
    {
        int done = tasks.Count(t => t.IsCompleted);
        var overall = new ProgressRecord(_activityId, _activity, $"{done} of {tasks.Count} done")
        {
            PercentComplete = (int)tasks.Average(t => (double)t.PercentComplete),
        };
        _cmdlet.WriteProgress(overall);
        foreach (var task in tasks.Where(t => t.State == VITaskState.Running || (shown.Contains(t) && t.IsCompleted)))
        {
            var record = new ProgressRecord(ChildId(task), task.Description, task.Status ?? task.State.ToString())
            {
                ParentActivityId = _activityId,
                PercentComplete = task.PercentComplete,
                RecordType = task.IsCompleted ? ProgressRecordType.Completed : ProgressRecordType.Processing,
            };
            _cmdlet.WriteProgress(record);
            if (task.IsCompleted)
            {
                shown.Remove(task);
            }
            else
            {
                shown.Add(task);
            }
        }
    }

    private int ChildId(VITask task) => _activityId + 1 + (int)(task.Number % 100000);
}
