using System;
using System.Runtime.InteropServices;

namespace VIToolkit.Core.Interop;

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Libraries.Libvirt)]
    public static partial IntPtr virGetLastError();

    [LibraryImport(Libraries.Libvirt)]
    public static partial void virResetLastError();

    [LibraryImport(Libraries.Libvirt)]
    public static partial void virSetErrorFunc(IntPtr userData, delegate* unmanaged<IntPtr, IntPtr, void> handler);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virEventRegisterDefaultImpl();

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virEventRunDefaultImpl();

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virEventAddTimeout(int timeoutMs, delegate* unmanaged<int, IntPtr, void> cb, IntPtr opaque, IntPtr freecb);
}

/// <summary>The leading fields of <c>virError</c> (80 bytes on x86-64); we only read it, libvirt owns it.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct NativeError
{
    public int Code;
    public int Domain;
    public IntPtr Message;
    public int Level;
    public IntPtr Connection;
    public IntPtr DomainObject;
    public IntPtr Str1;
    public IntPtr Str2;
    public IntPtr Str3;
    public int Int1;
    public int Int2;
    public IntPtr Network;
}
