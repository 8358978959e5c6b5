using System;
using System.Runtime.InteropServices;

namespace VIToolkit.Core.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Libraries.Libvirt)]
    public static partial int virConnectListAllNetworks(ConnectHandle conn, out IntPtr* networks, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virNetworkFree(IntPtr network);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virNetworkGetName(NetworkHandle network);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virNetworkGetUUIDString(NetworkHandle network, byte* buf);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virNetworkIsActive(NetworkHandle network);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virNetworkGetXMLDesc(NetworkHandle network, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virConnectListAllStoragePools(ConnectHandle conn, out IntPtr* pools, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virStoragePoolFree(IntPtr pool);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virStoragePoolGetName(StoragePoolHandle pool);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virStoragePoolGetUUIDString(StoragePoolHandle pool, byte* buf);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virStoragePoolGetInfo(StoragePoolHandle pool, StoragePoolInfo* info);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virStoragePoolGetXMLDesc(StoragePoolHandle pool, uint flags);
}

/// <summary><c>virStoragePoolInfo</c> (32 bytes on x86-64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct StoragePoolInfo
{
    public int State;
    public ulong CapacityBytes;
    public ulong AllocationBytes;
    public ulong AvailableBytes;
}
