using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace VIToolkit.Core.Services;

/// <summary>One finished item of a bulk run.</summary>
/// <param name="Index">Position of the item in the input.</param>
/// <param name="Completed">How many items had finished (in any order) when this one was handed out.</param>
public sealed record BulkItem<TIn, TOut>(int Index, TIn Input, TOut? Output, Exception? Error, int Completed, int Total)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Runs one operation over many items, at most <c>throttle</c> at a time, and hands the results back on the calling
/// thread, in input order, as soon as each next one is ready. The caller (a cmdlet's pipeline thread) is the only one
/// that writes output, errors or progress. Cancellation stops items that have not started; items already running
/// finish their libvirt call (libvirt calls cannot be interrupted half-way) and are reported.
/// </summary>
public static class BulkRunner
{
    public const int DefaultThrottle = 16;

    /// <param name="onProgress">Called on the calling thread whenever items finish: (completed, total).</param>
    public static IEnumerable<BulkItem<TIn, TOut>> Run<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, TOut> work,
        int throttle, CancellationToken cancellationToken, Action<int, int>? onProgress = null)
    {
        int total = items.Count;
        if (total == 0)
        {
            yield break;
        }
        var results = new BulkItem<TIn, TOut>?[total];
        // Not disposed: workers still running after an abandoned enumeration may touch them; they hold no OS handle.
        var finished = new BlockingCollection<int>();
        var gate = new SemaphoreSlim(Math.Max(1, throttle));
        int completed = 0;
        // Stopping early (Ctrl+C, or a downstream Select-Object -First) must not start the items not yet begun.
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cancellationToken = stop.Token;

        // Items block on round trips: they run on the host workers, not the thread pool (see ParallelHosts.Run).
        var fed = new ManualResetEventSlim();
        HostWorkers.Submit(() =>
        {
            try
            {
                Feed();
            }
            finally
            {
                fed.Set();
            }
        });

        void Feed()
        {
            for (int i = 0; i < total; i++)
            {
                int index = i;
                try
                {
                    gate.Wait(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    for (int rest = index; rest < total; rest++)
                    {
                        results[rest] = new BulkItem<TIn, TOut>(rest, items[rest], default, Cancelled(), 0, total);
                        finished.Add(rest);
                    }
                    return;
                }
                HostWorkers.Submit(() =>
                {
                    BulkItem<TIn, TOut> result;
                    try
                    {
                        result = new BulkItem<TIn, TOut>(index, items[index], work(items[index]), null, 0, total);
                    }
                    catch (Exception e)
                    {
                        result = new BulkItem<TIn, TOut>(index, items[index], default, e, 0, total);
                    }
                    finally
                    {
                        gate.Release();
                    }
                    results[index] = result;
                    finished.Add(index);
                });
            }
        }

        int next = 0;
        // An item is handed out once its completion is counted, not as soon as its result is there: a worker stores
        // the result before it says it finished, and the count handed out with an item must include the item itself.
        var counted = new bool[total];
        try
        {
            while (next < total)
            {
                counted[finished.Take()] = true;
                completed++;
                while (finished.TryTake(out int more))
                {
                    counted[more] = true;
                    completed++;
                }
                onProgress?.Invoke(completed, total);
                while (next < total && counted[next] && Volatile.Read(ref results[next]) is { } ready)
                {
                    yield return ready with { Completed = completed };
                    next++;
                }
            }
            fed.Wait();
        }
        finally
        {
            if (next < total)
            {
                stop.Cancel();
            }
        }
    }

    private static VIToolkitException Cancelled() =>
        new("OperationCancelled", ErrorKind.Cancelled, "Not started: the operation was cancelled.");
}
