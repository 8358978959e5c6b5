using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
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

    public static IReadOnlyList<HostResult<T>> Run<T>(
        IReadOnlyList<VIServer> servers, Func<VIServer, T> work, CancellationToken cancellationToken, int maxParallel = DefaultMaxParallel)
    {
        var results = new HostResult<T>[servers.Count];
        if (servers.Count == 1)
        {
            results[0] = RunOne(servers[0], work);
            return results;
        }
        Parallel.For(0, servers.Count,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxParallel), CancellationToken = cancellationToken },
            i => results[i] = RunOne(servers[i], work));
        return results;
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
