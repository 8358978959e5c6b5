using System;
using System.Runtime.InteropServices;

namespace VIToolkit.Core.Interop;

/// <summary>libvirt entry points. Every extern is internal; callers go through <see cref="Libvirt"/>.</summary>
internal static unsafe partial class NativeMethods
{
    public const uint VIR_CONNECT_RO = 1;

    public const int VIR_CRED_USERNAME = 1;
    public const int VIR_CRED_AUTHNAME = 2;
    public const int VIR_CRED_PASSPHRASE = 5;
    public const int VIR_CRED_ECHOPROMPT = 6;
    public const int VIR_CRED_NOECHOPROMPT = 7;

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virInitialize();

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial ConnectHandle virConnectOpenAuth(string uri, IntPtr auth, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virConnectClose(IntPtr conn);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virConnectGetType(ConnectHandle conn);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virConnectGetVersion(ConnectHandle conn, out ulong hvVer);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virConnectGetLibVersion(ConnectHandle conn, out ulong libVer);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virConnectGetHostname(ConnectHandle conn);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virConnectGetURI(ConnectHandle conn);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virConnectGetCapabilities(ConnectHandle conn);

    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virConnectGetSysinfo(ConnectHandle conn, uint flags);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virConnectIsAlive(ConnectHandle conn);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virNodeGetInfo(ConnectHandle conn, NodeInfo* info);

    [LibraryImport(Libraries.Libvirt)]
    public static partial ulong virNodeGetFreeMemory(ConnectHandle conn);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virConnectSetKeepAlive(ConnectHandle conn, int interval, uint count);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virConnectRegisterCloseCallback(
        ConnectHandle conn, delegate* unmanaged<IntPtr, int, IntPtr, void> cb, IntPtr opaque, IntPtr freecb);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virConnectUnregisterCloseCallback(
        ConnectHandle conn, delegate* unmanaged<IntPtr, int, IntPtr, void> cb);
}

/// <summary><c>virNodeInfo</c> (64 bytes on x86-64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct NodeInfo
{
    public fixed byte Model[32];
    public ulong MemoryKiB;
    public uint Cpus;
    public uint Mhz;
    public uint Nodes;
    public uint Sockets;
    public uint Cores;
    public uint Threads;
}

/// <summary><c>virConnectAuth</c>.</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ConnectAuth
{
    public int* CredTypes;
    public uint CredTypeCount;
    public delegate* unmanaged<ConnectCredential*, uint, IntPtr, int> Callback;
    public IntPtr CallbackData;
}

/// <summary><c>virConnectCredential</c> (48 bytes on x86-64).</summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct ConnectCredential
{
    public int Type;
    public IntPtr Prompt;
    public IntPtr Challenge;
    public IntPtr DefaultResult;
    public byte* Result;
    public uint ResultLength;
}
