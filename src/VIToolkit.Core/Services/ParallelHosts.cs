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
    /// Runs <paramref name="body"/> for 0..<paramref name="count"/>-1 on up to <paramref name="maxParallel"/> threads of its
    /// own, the calling thread being one of them. Not the thread pool: the work blocks on round trips, and the pool starts
    /// with one thread per core, so on a 2-core machine a third host waited for a second one to finish (measured with
    /// Get-VM over 3 real hosts). An exception of <paramref name="body"/> stops the run and is thrown here.
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

        var threads = new Thread[Math.Max(0, Math.Min(Math.Max(1, maxParallel), count) - 1)];
        for (int t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(Drain) { IsBackground = true, Name = "VIToolkit host worker" };
            threads[t].Start();
        }
        Drain();
        foreach (var thread in threads)
        {
            thread.Join();
        }
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
