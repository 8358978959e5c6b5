using System;
using System.Collections.Generic;
using System.Threading;
using VIToolkit.Core.Store;

namespace VIToolkit.Core.Engine;

/// <summary>
/// Where a session records what it did. <see cref="Record"/> never blocks the change it describes and never fails it:
/// events are written to the store by one background writer, in batches (a thousand VMs started are a few
/// transactions, not a thousand). <see cref="Flush"/> writes what is pending now (Get-VIEvent does, so that a command's
/// own events are seen at once); the process's exit flushes too. A store that cannot be written keeps the events
/// pending, up to <see cref="MaxPending"/>, and they are written when it can be again.
/// </summary>
public sealed class EventLog : IDisposable
{
    /// <summary>Events kept in memory while the store cannot be written; beyond that the oldest are dropped (and counted).</summary>
    public const int MaxPending = 100_000;

    private readonly VISession _session;
    private readonly object _gate = new();
    private readonly object _writeGate = new();
    private readonly AutoResetEvent _signal = new(false);
    private List<VIEvent> _pending = new();
    private Thread? _writer;
    private long _dropped;
    private volatile bool _disposed;

    internal EventLog(VISession session)
    {
        _session = session;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryFlush();
    }

    /// <summary>Events dropped because the store could not take them for too long.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The last error the writer met (null once a write succeeds again).</summary>
    public VIToolkitException? LastError { get; private set; }

    /// <summary>Queues an event for the store.</summary>
    public void Record(VIEvent e)
    {
        lock (_gate)
        {
            _pending.Add(e);
            if (_pending.Count > MaxPending)
            {
                _pending.RemoveAt(0);
                Interlocked.Increment(ref _dropped);
            }
            _writer ??= StartWriter();
        }
        _signal.Set();
    }

    /// <summary>Records a change of a VM (entity: the VM, on its host).</summary>
    public void VM(string type, Model.VirtualMachine vm, string message, EventSeverity severity = EventSeverity.Info,
        IReadOnlyDictionary<string, string>? data = null) =>
        Record(new VIEvent
        {
            Type = type,
            Severity = severity,
            EntityType = "VirtualMachine",
            EntityName = vm.Name,
            EntityId = vm.Id,
            Host = vm.VMHostName,
            FullFormattedMessage = message,
            Data = data ?? new Dictionary<string, string>(),
        });

    /// <summary>Records a change of a host.</summary>
    public void Host(string type, Connections.VIServer server, string message, EventSeverity severity = EventSeverity.Info, string? cluster = null) =>
        Record(new VIEvent
        {
            Type = type,
            Severity = severity,
            EntityType = "HostSystem",
            EntityName = server.Name,
            EntityId = server.Uri,
            Host = server.Name,
            Cluster = cluster,
            FullFormattedMessage = message,
        });

    /// <summary>Records a change of a cluster.</summary>
    public void Cluster(string type, Inventory.ClusterRecord cluster, string message) =>
        Record(new VIEvent
        {
            Type = type,
            EntityType = "ClusterComputeResource",
            EntityName = cluster.Name,
            EntityId = cluster.Id.ToString("D"),
            Cluster = cluster.Name,
            FullFormattedMessage = message,
        });

    /// <summary>Writes every pending event now; throws the store's error when it cannot (they stay pending).</summary>
    public void Flush()
    {
        lock (_writeGate)
        {
            List<VIEvent> batch;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    return;
                }
                batch = _pending;
                _pending = new List<VIEvent>();
            }
            try
            {
                _session.Store.AppendEvents(batch);
                LastError = null;
            }
            catch (VIToolkitException e)
            {
                lock (_gate)
                {
                    batch.AddRange(_pending);
                    _pending = batch;
                }
                LastError = e;
                throw;
            }
        }
    }

    private void TryFlush()
    {
        try
        {
            Flush();
        }
        catch (VIToolkitException)
        {
            // kept pending; LastError says why
        }
    }

    private Thread StartWriter()
    {
        var thread = new Thread(() =>
        {
            int backoff = 0;
            while (!_disposed)
            {
                _signal.WaitOne(backoff == 0 ? Timeout.Infinite : backoff);
                Thread.Sleep(20); // gather what comes with it into one batch
                TryFlush();
                backoff = LastError is null ? 0 : Math.Min(Math.Max(backoff * 2, 500), 30_000);
            }
        })
        {
            IsBackground = true,
            Name = "VIToolkit event writer",
        };
        thread.Start();
        return thread;
    }

    public void Dispose()
    {
        _disposed = true;
        _signal.Set();
        TryFlush();
    }
}
