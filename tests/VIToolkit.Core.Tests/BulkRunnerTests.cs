using System;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Services;
using Xunit;

namespace VIToolkit.Core.Tests;

public sealed class BulkRunnerTests
{
    [Fact]
    public void Results_come_back_in_input_order_whatever_the_finishing_order()
    {
        var items = Enumerable.Range(0, 40).ToList();
        // Later items finish first.
        var results = BulkRunner.Run(items, i => { Thread.Sleep((40 - i) % 7); return i * 10; }, 8, CancellationToken.None).ToList();
        Assert.Equal(items, results.Select(r => r.Index));
        Assert.Equal(items.Select(i => i * 10), results.Select(r => r.Output));
        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(40, results[^1].Completed);
    }

    [Fact]
    public void No_more_than_the_throttle_run_at_once()
    {
        int running = 0, peak = 0;
        var results = BulkRunner.Run(Enumerable.Range(0, 30).ToList(), i =>
        {
            int now = Interlocked.Increment(ref running);
            int seen;
            while ((seen = Volatile.Read(ref peak)) < now && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
            Thread.Sleep(5);
            Interlocked.Decrement(ref running);
            return i;
        }, 3, CancellationToken.None).ToList();
        Assert.Equal(30, results.Count);
        Assert.InRange(peak, 1, 3);
    }

    [Fact]
    public void One_failure_is_one_result_and_the_rest_go_on()
    {
        var results = BulkRunner.Run(Enumerable.Range(0, 10).ToList(),
            i => i == 4 ? throw new InvalidOperationException("boom") : i, 4, CancellationToken.None).ToList();
        Assert.Equal(10, results.Count);
        Assert.IsType<InvalidOperationException>(Assert.Single(results, r => !r.Succeeded).Error);
        Assert.Equal(4, results.Single(r => !r.Succeeded).Index);
    }

    [Fact]
    public void Cancellation_stops_items_that_have_not_started()
    {
        using var cts = new CancellationTokenSource();
        int started = 0;
        var results = BulkRunner.Run(Enumerable.Range(0, 100).ToList(), i =>
        {
            if (Interlocked.Increment(ref started) == 5)
            {
                cts.Cancel();
            }
            Thread.Sleep(2);
            return i;
        }, 2, cts.Token).ToList();
        Assert.Equal(100, results.Count);
        var cancelled = results.Where(r => r.Error is VIToolkitException { Kind: ErrorKind.Cancelled }).ToList();
        Assert.NotEmpty(cancelled);
        Assert.True(started < 100, $"{started} items started after cancellation");
        Assert.Equal(100 - cancelled.Count, results.Count(r => r.Succeeded));
    }

    [Fact]
    public void Abandoning_the_results_stops_the_rest()
    {
        int started = 0;
        var first = BulkRunner.Run(Enumerable.Range(0, 200).ToList(), i => { Interlocked.Increment(ref started); Thread.Sleep(2); return i; },
            2, CancellationToken.None).First();
        Thread.Sleep(50);
        int after = Volatile.Read(ref started);
        Thread.Sleep(50);
        Assert.Equal(0, first.Index);
        Assert.Equal(after, Volatile.Read(ref started));
        Assert.True(after < 200);
    }

    [Fact]
    public void Progress_is_reported_on_the_calling_thread()
    {
        int caller = Environment.CurrentManagedThreadId;
        int reports = 0, last = 0;
        bool elsewhere = false, backwards = false;
        _ = BulkRunner.Run(Enumerable.Range(0, 20).ToList(), i => { Thread.Sleep(1); return i; }, 4, CancellationToken.None, (done, total) =>
        {
            reports++;
            elsewhere |= Environment.CurrentManagedThreadId != caller;
            backwards |= done < last;
            last = done;
            Assert.Equal(20, total);
        }).ToList();
        Assert.InRange(reports, 1, 20);
        Assert.False(elsewhere);
        Assert.False(backwards);
    }
}
