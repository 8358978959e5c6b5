using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace VIToolkit.Core.Tasks;

/// <summary>
/// The tasks of a session (PowerCLI keeps the recent tasks of a session). Work runs on the thread pool; the
/// finished tasks are kept, newest first, up to <see cref="RetainCompleted"/>.
/// </summary>
public sealed class TaskManager
{
    public const int RetainCompleted = 1000;

    private readonly ConcurrentDictionary<long, VITask> _tasks = new();
    private long _next;

    /// <summary>
    /// Starts <paramref name="work"/> in the background as a task. The work calls <see cref="VITask.MarkRunning"/>
    /// through <see cref="Run"/> when it really begins (after any queueing), and reports progress on the task.
    /// </summary>
    public VITask Start(string name, string description, object? target, Func<VITask, object?> work)
    {
        var task = new VITask(Interlocked.Increment(ref _next), name, description, target);
        _tasks[task.Number] = task;
        Trim();
        _ = Task.Run(() => Run(task, work));
        return task;
    }

    /// <summary>Runs <paramref name="work"/> for <paramref name="task"/> and records its outcome; never throws.</summary>
    public static void Run(VITask task, Func<VITask, object?> work)
    {
        try
        {
            task.CancellationToken.ThrowIfCancellationRequested();
            task.Finish(work(task));
        }
        catch (OperationCanceledException)
        {
            task.Fail(new VIToolkitException("TaskCancelled", ErrorKind.Cancelled, $"{task.Description}: cancelled before it changed anything.") { Target = task.Target });
        }
        catch (VIToolkitException e)
        {
            task.Fail(e);
        }
        catch (Exception e)
        {
            task.Fail(new VIToolkitException("UnexpectedError", ErrorKind.OperationFailed, $"{task.Description}: {e.Message}", e) { Target = task.Target });
        }
    }

    /// <summary>Marks the task running; throws <see cref="OperationCanceledException"/> when it was cancelled while queued.</summary>
    public static void BeginWork(VITask task)
    {
        task.CancellationToken.ThrowIfCancellationRequested();
        task.MarkRunning();
    }

    /// <summary>Every known task, oldest first.</summary>
    public IReadOnlyList<VITask> All => _tasks.Values.OrderBy(t => t.Number).ToList();

    public VITask? Find(string id) => _tasks.Values.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    private void Trim()
    {
        if (_tasks.Count <= RetainCompleted)
        {
            return; // nothing can be over the limit: no sorting on every task started
        }
        var completed = _tasks.Values.Where(t => t.IsCompleted).OrderByDescending(t => t.Number).Skip(RetainCompleted);
        foreach (var old in completed)
        {
            _tasks.TryRemove(old.Number, out _);
        }
    }
}
