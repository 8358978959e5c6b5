using System;
using System.Threading;
using VIToolkit.Core.Tasks;
using Xunit;

namespace VIToolkit.Core.Tests;

public sealed class TaskTests
{
    private readonly TaskManager _tasks = new();

    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public void SucceedsWithTheWorksResult()
    {
        var task = _tasks.Start("Test", "returns 42", null, t => { TaskManager.BeginWork(t); return 42; });
        Assert.True(task.Wait(Long, CancellationToken.None));
        Assert.Equal(VITaskState.Success, task.State);
        Assert.Equal(42, task.Result);
        Assert.Equal(100, task.PercentComplete);
        Assert.NotNull(task.StartTime);
        Assert.True(task.FinishTime >= task.StartTime);
        Assert.Null(task.Error);
        Assert.Same(task, _tasks.Find(task.Id));
    }

    [Fact]
    public void StaysQueuedUntilTheWorkBegins()
    {
        using var gate = new ManualResetEventSlim();
        var task = _tasks.Start("Test", "waits", null, t => { gate.Wait(t.CancellationToken); TaskManager.BeginWork(t); return null; });
        Thread.Sleep(50);
        Assert.Equal(VITaskState.Queued, task.State);
        Assert.Null(task.StartTime);
        gate.Set();
        Assert.True(task.Wait(Long, CancellationToken.None));
        Assert.Equal(VITaskState.Success, task.State);
    }

    [Fact]
    public void ASnapshotIsOneMomentOfItsTaskAndNeverMixesTwoStates()
    {
        // Issue 10, item 15: a Get-Task row read while the task moved on showed Queued with a FinishTime and no
        // StartTime. Snapshots taken while 200 short tasks go Queued -> Running -> Success must each be consistent.
        var started = new VITask[200];
        using var stop = new CancellationTokenSource();
        int inconsistent = 0, seen = 0;
        var reader = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var live in started)
                {
                    if (live is null)
                    {
                        continue;
                    }
                    var row = live.Snapshot();
                    seen++;
                    bool ok = row.State switch
                    {
                        VITaskState.Queued => row.StartTime is null && row.FinishTime is null && row.Result is null,
                        VITaskState.Running => row.StartTime is not null && row.FinishTime is null && row.Result is null,
                        _ => row.StartTime is not null && row.FinishTime >= row.StartTime && row.PercentComplete == 100,
                    };
                    if (!ok)
                    {
                        inconsistent++;
                    }
                }
            }
        });
        reader.Start();
        for (int i = 0; i < started.Length; i++)
        {
            started[i] = _tasks.Start("Test", "short", null, t => { Thread.SpinWait(1000); TaskManager.BeginWork(t); Thread.SpinWait(1000); return 1; });
        }
        foreach (var task in started)
        {
            Assert.True(task.Wait(Long, CancellationToken.None));
        }
        stop.Cancel();
        reader.Join();
        Assert.True(seen > started.Length, $"the reader read only {seen} rows");
        Assert.Equal(0, inconsistent);
    }

    [Fact]
    public void ASnapshotKeepsItsMomentAndActsThroughItsLiveTask()
    {
        using var gate = new ManualResetEventSlim();
        var task = _tasks.Start("Test", "waits", null, t => { gate.Wait(t.CancellationToken); TaskManager.BeginWork(t); return 7; });
        var queued = task.Snapshot();
        Assert.False(queued.IsLive);
        Assert.Same(task, queued.Live);
        Assert.Equal(task.Id, queued.Id);
        gate.Set();
        Assert.True(queued.Wait(Long, CancellationToken.None)); // waits for the live task
        Assert.Equal(VITaskState.Success, task.State);
        Assert.Equal(VITaskState.Queued, queued.State);         // the snapshot is the moment it was taken
        Assert.Null(queued.Result);
        Assert.Equal(7, task.Snapshot().Result);
        Assert.Throws<InvalidOperationException>(() => queued.Report(50));
    }

    [Fact]
    public void AQueuedTaskCancelledNeverRuns()
    {
        using var gate = new ManualResetEventSlim();
        bool ran = false;
        var task = _tasks.Start("Test", "never runs", null, t => { gate.Wait(t.CancellationToken); TaskManager.BeginWork(t); ran = true; return null; });
        task.Cancel();
        Assert.True(task.Wait(Long, CancellationToken.None));
        Assert.Equal(VITaskState.Cancelled, task.State);
        Assert.Equal("TaskCancelled", task.Error!.ErrorId);
        Assert.False(ran);
    }

    [Fact]
    public void AFailureIsRecordedWithItsIdAndACancellationErrorMeansCancelled()
    {
        var failed = _tasks.Start("Test", "fails", "target", _ => throw new VIToolkitException("SomethingBroke", ErrorKind.OperationFailed, "broken"));
        var aborted = _tasks.Start("Test", "aborted", null, _ => throw new VIToolkitException("MigrationCancelled", ErrorKind.Cancelled, "aborted"));
        var crashed = _tasks.Start("Test", "crashes", null, _ => throw new InvalidOperationException("bug"));
        Assert.True(failed.Wait(Long, CancellationToken.None) && aborted.Wait(Long, CancellationToken.None) && crashed.Wait(Long, CancellationToken.None));
        Assert.Equal(VITaskState.Error, failed.State);
        Assert.Equal("SomethingBroke", failed.Error!.ErrorId);
        Assert.Equal(VITaskState.Cancelled, aborted.State);
        Assert.Equal(VITaskState.Error, crashed.State);
        Assert.Equal("UnexpectedError", crashed.Error!.ErrorId);
    }

    [Fact]
    public void WaitTimesOutWithoutChangingTheTask()
    {
        using var gate = new ManualResetEventSlim();
        var task = _tasks.Start("Test", "slow", null, t => { TaskManager.BeginWork(t); gate.Wait(t.CancellationToken); return null; });
        Assert.False(task.Wait(TimeSpan.FromMilliseconds(100), CancellationToken.None));
        Assert.False(task.IsCompleted);
        gate.Set();
        Assert.True(task.Wait(Long, CancellationToken.None));
        Assert.Equal(VITaskState.Success, task.State);
    }

    [Fact]
    public void IdsAreUniqueAndIncreasing()
    {
        var a = _tasks.Start("Test", "a", null, _ => null);
        var b = _tasks.Start("Test", "b", null, _ => null);
        Assert.True(b.Number > a.Number);
        Assert.NotEqual(a.Id, b.Id);
        Assert.StartsWith("Task-", a.Id, StringComparison.Ordinal);
    }
}
