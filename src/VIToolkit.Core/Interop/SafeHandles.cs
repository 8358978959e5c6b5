using System;
using Microsoft.Win32.SafeHandles;

namespace VIToolkit.Core.Interop;

/// <summary>A <c>virConnectPtr</c>; closing drops our reference.</summary>
internal sealed class ConnectHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public ConnectHandle() : base(ownsHandle: true) { }

    // virConnectClose returns the remaining reference count, or -1 on error.
    protected override bool ReleaseHandle() => NativeMethods.virConnectClose(handle) >= 0;
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
