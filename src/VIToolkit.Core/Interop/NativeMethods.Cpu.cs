using System;
using System.Runtime.InteropServices;

namespace VIToolkit.Core.Interop;

internal static unsafe partial class NativeMethods
{
    public const uint VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE = 1;

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr virConnectGetDomainCapabilities(ConnectHandle conn, string? emulator, string? arch, string? machine, string? virttype, uint flags);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial IntPtr virConnectBaselineHypervisorCPU(ConnectHandle conn, string? emulator, string? arch, string? machine, string? virttype,
        IntPtr* xmlCpus, uint count, uint flags);

    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virConnectCompareHypervisorCPU(ConnectHandle conn, string? emulator, string? arch, string? machine, string? virttype,
        string xmlCpu, uint flags);
}

internal sealed unsafe partial class NativeConnection
{
    /// <summary>The domain capabilities XML for this architecture and virtualization type, or null where the driver has none (the test driver).</summary>
    internal string? TryGetDomainCapabilities(string arch, string virtType)
    {
        IntPtr xml = NativeMethods.virConnectGetDomainCapabilities(_handle, null, arch, null, virtType, 0);
        if (xml == IntPtr.Zero)
        {
            var error = Libvirt.Fail("virConnectGetDomainCapabilities");
            return error.Kind is ErrorKind.NotSupported or ErrorKind.InvalidArgument or ErrorKind.OperationFailed ? null : throw error;
        }
        return Libvirt.TakeString(xml, "virConnectGetDomainCapabilities");
    }

    /// <summary>The CPU all the given CPUs can run (libvirt's baseline, EVC's analogue).</summary>
    internal string BaselineCpu(string arch, string virtType, System.Collections.Generic.IReadOnlyList<string> cpus)
    {
        var pointers = new IntPtr[cpus.Count];
        try
        {
            for (int i = 0; i < cpus.Count; i++)
            {
                pointers[i] = Marshal.StringToCoTaskMemUTF8(cpus[i]);
            }
            fixed (IntPtr* array = pointers)
            {
                return Libvirt.TakeString(
                    NativeMethods.virConnectBaselineHypervisorCPU(_handle, null, arch, null, virtType, array, (uint)cpus.Count, 0),
                    "virConnectBaselineHypervisorCPU");
            }
        }
        finally
        {
            foreach (IntPtr pointer in pointers)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }
    }

    /// <summary>
    /// Can this host run a guest with <paramref name="cpuXml"/>? Returns null when it can; otherwise libvirt's reason,
    /// which names the missing features ("Host CPU does not provide required features: avx512f").
    /// </summary>
    internal string? CompareCpu(string arch, string virtType, string cpuXml)
    {
        int result = NativeMethods.virConnectCompareHypervisorCPU(_handle, null, arch, null, virtType, cpuXml,
            NativeMethods.VIR_CONNECT_COMPARE_CPU_FAIL_INCOMPATIBLE);
        if (result >= 1)
        {
            return null;
        }
        if (result == 0)
        {
            return "The host CPU is not compatible.";
        }
        var error = Libvirt.Fail("virConnectCompareHypervisorCPU");
        return error.Kind == ErrorKind.Incompatible ? error.Message : throw error;
    }
}
