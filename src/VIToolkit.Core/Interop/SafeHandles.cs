using System;
using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace VIToolkit.Core.Interop;

/// <summary>A <c>virConnectPtr</c>; closing drops our reference.</summary>
internal sealed class ConnectHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    // Leaks, counted (the leak tests read them): a connection nobody disposed, and one libvirt could not free at close.
    private static int s_releasedByFinalizer;
    private static int s_closedWhileReferenced;

    public ConnectHandle() : base(ownsHandle: true) { }

    /// <summary>Connections closed by the finalizer, not by Dispose: their owner forgot them.</summary>
    internal static int ReleasedByFinalizer => Volatile.Read(ref s_releasedByFinalizer);

    /// <summary>
    /// Closes after which libvirt still held the connection (a domain, network or pool object not freed, a callback
    /// left registered): libvirt keeps all of it alive.
    /// </summary>
    internal static int ClosedWhileReferenced => Volatile.Read(ref s_closedWhileReferenced);

    protected override void Dispose(bool disposing)
    {
        if (!disposing && !IsInvalid && !IsClosed)
        {
            Interlocked.Increment(ref s_releasedByFinalizer);
        }
        base.Dispose(disposing);
    }

    // virConnectClose returns the remaining reference count, or -1 on error.
    protected override bool ReleaseHandle()
    {
        int remaining = NativeMethods.virConnectClose(handle);
        if (remaining > 0)
        {
            Interlocked.Increment(ref s_closedWhileReferenced);
        }
        return remaining >= 0;
    }
}

/// <summary>A <c>virDomainPtr</c>.</summary>
internal sealed class DomainHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public DomainHandle() : base(ownsHandle: true) { }

    internal DomainHandle(IntPtr existing) : base(ownsHandle: true) => SetHandle(existing);

    protected override bool ReleaseHandle() => NativeMethods.virDomainFree(handle) == 0;
}

/// <summary>A <c>virNetworkPtr</c>.</summary>
internal sealed class NetworkHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public NetworkHandle() : base(ownsHandle: true) { }

    internal NetworkHandle(IntPtr existing) : base(ownsHandle: true) => SetHandle(existing);

    protected override bool ReleaseHandle() => NativeMethods.virNetworkFree(handle) == 0;
}

/// <summary>A <c>virStoragePoolPtr</c>.</summary>
internal sealed class StoragePoolHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public StoragePoolHandle() : base(ownsHandle: true) { }

    internal StoragePoolHandle(IntPtr existing) : base(ownsHandle: true) => SetHandle(existing);

    protected override bool ReleaseHandle() => NativeMethods.virStoragePoolFree(handle) == 0;
}

/// <summary>A <c>virDomainSnapshotPtr</c>.</summary>
internal sealed class SnapshotHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SnapshotHandle() : base(ownsHandle: true) { }

    internal SnapshotHandle(IntPtr existing) : base(ownsHandle: true) => SetHandle(existing);

    protected override bool ReleaseHandle() => NativeMethods.virDomainSnapshotFree(handle) == 0;
}

/// <summary>A <c>virStorageVolPtr</c>.</summary>
internal sealed class StorageVolumeHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public StorageVolumeHandle() : base(ownsHandle: true) { }

    protected override bool ReleaseHandle() => NativeMethods.virStorageVolFree(handle) == 0;
}
