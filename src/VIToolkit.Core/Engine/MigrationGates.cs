using System;
using System.Collections.Concurrent;
using System.Threading;

namespace VIToolkit.Core.Engine;

/// <summary>
/// The session's bounds on moves: at most <see cref="MaxOutboundPerHost"/> moves leave one host at a time (KubeVirt's
/// parallelOutboundMigrationsPerNode), and one VM is moved by one step at a time.
/// </summary>
public sealed class MigrationGates
{
    /// <summary>Moves at once out of one host.</summary>
    public const int DefaultMaxOutboundPerHost = 2;

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _outbound = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Host, Guid Uuid), byte> _moving = new();

    /// <summary>The bound for hosts whose gate is created from now on.</summary>
    public int MaxOutboundPerHost { get; set; } = DefaultMaxOutboundPerHost;

    /// <summary>The gate of moves out of one host (by its URI), created on first use.</summary>
    public SemaphoreSlim Outbound(string hostUri) =>
        _outbound.GetOrAdd(hostUri, _ => new SemaphoreSlim(Math.Max(1, MaxOutboundPerHost)));

    /// <summary>Claims a VM for one move; false when another step of this session is moving it.</summary>
    internal bool TryClaim(string hostUri, Guid uuid) => _moving.TryAdd((hostUri, uuid), 0);

    internal void Release(string hostUri, Guid uuid) => _moving.TryRemove((hostUri, uuid), out _);
}
