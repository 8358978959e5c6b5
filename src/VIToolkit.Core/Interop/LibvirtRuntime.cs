using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;

namespace VIToolkit.Core.Interop;

/// <summary>
/// Process-wide libvirt set-up, done once before the first connection: initialise the library, silence its default
/// printing of every error to stderr, and run the default event loop on one background thread (keepalive, close
/// callbacks and domain events need it).
/// </summary>
internal static unsafe class LibvirtRuntime
{
    private static readonly object s_gate = new();
    private static Thread? s_loop;

    internal static bool IsInitialized => s_loop is not null;

    internal static void EnsureInitialized()
    {
        if (s_loop is not null)
        {
            return;
        }
        lock (s_gate)
        {
            if (s_loop is not null)
            {
                return;
            }
            try
            {
                NativeMethods.virSetErrorFunc(IntPtr.Zero, &SwallowError);
                Libvirt.Check(NativeMethods.virInitialize(), "virInitialize");
                Libvirt.Check(NativeMethods.virEventRegisterDefaultImpl(), "virEventRegisterDefaultImpl");
                // Without at least one registered timeout the loop may block forever in poll().
                Libvirt.Check(NativeMethods.virEventAddTimeout(1000, &Tick, IntPtr.Zero, IntPtr.Zero), "virEventAddTimeout");
            }
            catch (DllNotFoundException e)
            {
                throw new VIToolkitException(
                    "LibvirtNotInstalled",
                    ErrorKind.NotSupported,
                    $"The libvirt client library ({Libraries.Libvirt}) is not installed. Install it with: sudo apt-get install libvirt0",
                    e);
            }

            var loop = new Thread(RunLoop) { IsBackground = true, Name = "libvirt event loop" };
            loop.Start();
            s_loop = loop;
        }
    }

    private static void RunLoop()
    {
        while (true)
        {
            if (NativeMethods.virEventRunDefaultImpl() < 0)
            {
                NativeMethods.virResetLastError();
                Thread.Sleep(50);
            }
        }
    }

    [UnmanagedCallersOnly]
    private static void SwallowError(IntPtr userData, IntPtr error)
    {
        // Errors are read where they happen (Libvirt.Fail); printing them to stderr would leak into the console.
    }

    [UnmanagedCallersOnly]
    private static void Tick(int timer, IntPtr opaque)
    {
    }
}
