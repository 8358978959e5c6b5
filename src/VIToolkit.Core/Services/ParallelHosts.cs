using System;
using System.Collections.Generic;
using System.Threading;
using VIToolkit.Core.Connections;

namespace VIToolkit.Core.Services;

/// <summary>The outcome of one piece of work on one host: a value or the error that stopped it.</summary>
public sealed record HostResult<T>(VIServer Server, T? Value, VIToolkitException? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>Runs the same work on many hosts at once, with a bound, and returns the results in the hosts' order.</summary>
public static class ParallelHosts
{
    /// <summary>Default bound: host calls wait on the network far more than on the CPU.</summary>
    public const int DefaultMaxParallel = 16;

    /// <summary>Runs <paramref name="work"/> once per host, at most <paramref name="maxParallel"/> at a time (see <see cref="Run(int, int, Action{int}, CancellationToken)"/>).</summary>
    public static IReadOnlyList<HostResult<T>> Run<T>(
        IReadOnlyList<VIServer> servers, Func<VIServer, T> work, CancellationToken cancellationToken, int maxParallel = DefaultMaxParallel)
    {
        var results = new HostResult<T>[servers.Count];
        Run(servers.Count, maxParallel, i => results[i] = RunOne(servers[i], work), cancellationToken);
        return results;
    }

    /// <summary>
    /// Runs <paramref name="body"/> for 0..<paramref name="count"/>-1, at most <paramref name="maxParallel"/> at a time, on
    /// the calling thread and on <see cref="HostWorkers"/>. Not the thread pool: the work blocks on round trips, and the
    /// pool starts with one thread per core, so on a 2-core machine a third host waited for a second one to finish
    /// (measured with Get-VM over 3 real hosts). An exception of <paramref name="body"/> stops the run and is thrown here.
    /// </summary>
    internal static void Run(int count, int maxParallel, Action<int> body, CancellationToken cancellationToken)
    {
        int next = -1;
        Exception? failure = null;
        void Drain()
        {
            try
            {
                int i;
                while (!cancellationToken.IsCancellationRequested && Volatile.Read(ref failure) is null
                    && (i = Interlocked.Increment(ref next)) < count)
                {
                    body(i);
                }
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref failure, e, null);
            }
        }

        int helpers = Math.Max(0, Math.Min(Math.Max(1, maxParallel), count) - 1);
        // Not disposed: a helper may still be inside Signal when Wait returns; the event holds no OS handle unless asked.
        var done = new CountdownEvent(helpers);
        for (int t = 0; t < helpers; t++)
        {
            HostWorkers.Submit(() =>
            {
                Drain();
                done.Signal();
            });
        }
        Drain();
        done.Wait();
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static HostResult<T> RunOne<T>(VIServer server, Func<VIServer, T> work)
    {
        try
        {
            return new HostResult<T>(server, work(server), null);
        }
        catch (VIToolkitException e)
        {
            return new HostResult<T>(server, default, e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new HostResult<T>(server, default,
                new VIToolkitException("UnexpectedError", ErrorKind.OperationFailed, $"Host '{server.Name}': {e.Message}", e) { Target = server });
        }
    }
}

/// <summary>
/// Long-lived background threads for work that blocks on the network. A job always gets a thread at once (an idle one,
/// else a new one), so work that waits for other jobs cannot starve; threads are kept once made (their number is the
/// most ever busy at once: a few dozen), because making one per call cost more than an exact lookup (measured:
/// Get-VM -Name over 10 simulated hosts went from 0.1 to 4.4 ms per call with a thread per host per call).
/// </summary>
internal static class HostWorkers
{
    private static readonly object s_gate = new();
    private static readonly Queue<Action> s_jobs = new();
    private static int s_idle;

    internal static void Submit(Action job)
    {
        lock (s_gate)
        {
            s_jobs.Enqueue(job);
            if (s_idle > 0)
            {
                // Counted out here, so that each waiter woken was counted in once when it began to wait.
                s_idle--;
                Monitor.Pulse(s_gate);
                return;
            }
        }
        new Thread(Work) { IsBackground = true, Name = "VIToolkit host worker" }.Start();
    }

    private static void Work()
    {
        while (true)
        {
            Action job;
            lock (s_gate)
            {
                while (s_jobs.Count == 0)
                {
                    s_idle++;
                    Monitor.Wait(s_gate);
                }
                job = s_jobs.Dequeue();
            }
            job(); // jobs catch their own exceptions (ParallelHosts.Run's Drain)
        }
    }
}
