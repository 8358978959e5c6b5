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

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial NetworkHandle virNetworkDefineXML(ConnectHandle conn, string xml);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virNetworkCreate(NetworkHandle network);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virNetworkDestroy(NetworkHandle network);

    [LibraryImport(Libraries.Libvirt)]
    public static partial int virNetworkUndefine(NetworkHandle network);
}

internal static unsafe partial class NativeMethods
{
    [LibraryImport(Libraries.Libvirt, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int virDomainUpdateDeviceFlags(DomainHandle domain, string xml, uint flags);
}

internal sealed unsafe partial class NativeConnection
{
    /// <summary>
    /// Changes one device of the running VM (live only), e.g. an interface given as its <c>&lt;interface&gt;</c> XML.
    /// False when the driver cannot change a device live (the test driver).
    /// </summary>
    internal bool TryUpdateDeviceLive(Guid uuid, string deviceXml)
    {
        using var domain = OpenDomain(uuid);
        if (NativeMethods.virDomainUpdateDeviceFlags(domain, deviceXml, NativeMethods.VIR_DOMAIN_AFFECT_LIVE) < 0)
        {
            var error = Libvirt.Fail("virDomainUpdateDeviceFlags");
            if (error.Kind == ErrorKind.NotSupported)
            {
                return false;
            }
            throw error;
        }
        return true;
    }

    /// <summary>
    /// Renames a network: libvirt cannot rename, so the definition is re-made under the new name (same UUID, bridge
    /// and addresses) and started again if it was running. If the new definition is refused, the old one is restored.
    /// </summary>
    internal void RenameNetwork(string oldName, string newName)
    {
        using var old = NativeMethods.virNetworkLookupByName(_handle, oldName);
        if (old.IsInvalid)
        {
            var error = Libvirt.Fail("virNetworkLookupByName");
            throw error.Kind == ErrorKind.NotFound
                ? new ObjectNotFoundException("VirtualNetworkNotFound", $"There is no network named '{oldName}'.", oldName) { Libvirt = error.Libvirt }
                : error;
        }
        // The persistent definition (VIR_NETWORK_XML_INACTIVE); drivers without that flag (the test driver) give the only one they have.
        IntPtr inactive = NativeMethods.virNetworkGetXMLDesc(old, 1);
        if (inactive == IntPtr.Zero)
        {
            NativeMethods.virResetLastError();
            inactive = NativeMethods.virNetworkGetXMLDesc(old, 0);
        }
        string xml = Libvirt.TakeString(inactive, "virNetworkGetXMLDesc");
        bool active = Libvirt.Check(NativeMethods.virNetworkIsActive(old), "virNetworkIsActive") == 1;
        var document = System.Xml.Linq.XDocument.Parse(xml);
        document.Root!.Element("name")!.Value = newName;
        string renamed = document.ToString(System.Xml.Linq.SaveOptions.DisableFormatting);

        bool undefined = false;
        try
        {
            if (active)
            {
                Libvirt.Check(NativeMethods.virNetworkDestroy(old), "virNetworkDestroy");
            }
            Libvirt.Check(NativeMethods.virNetworkUndefine(old), "virNetworkUndefine");
            undefined = true;
            using var created = Libvirt.Check(NativeMethods.virNetworkDefineXML(_handle, renamed), "virNetworkDefineXML");
            if (active)
            {
                Libvirt.Check(NativeMethods.virNetworkCreate(created), "virNetworkCreate");
            }
        }
        catch
        {
            // Put the old network back as it was: re-define it if it is gone (a transient network vanishes when
            // stopped), and start it again if it ran. A half-made new definition is removed first.
            using (var half = NativeMethods.virNetworkLookupByName(_handle, newName))
            {
                if (!half.IsInvalid)
                {
                    NativeMethods.virNetworkUndefine(half);
                }
            }
            using var existing = NativeMethods.virNetworkLookupByName(_handle, oldName);
            using var restored = existing.IsInvalid || undefined ? NativeMethods.virNetworkDefineXML(_handle, xml) : NativeMethods.virNetworkLookupByName(_handle, oldName);
            if (!restored.IsInvalid && active && NativeMethods.virNetworkIsActive(restored) != 1)
            {
                NativeMethods.virNetworkCreate(restored);
            }
            NativeMethods.virResetLastError();
            throw;
        }
    }
}
