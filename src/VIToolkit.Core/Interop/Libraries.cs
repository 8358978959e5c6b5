namespace VIToolkit.Core.Interop;

/// <summary>Names of the native libraries we bind to.</summary>
internal static class Libraries
{
    /// <summary>The libvirt client library (Debian package <c>libvirt0</c>).</summary>
    public const string Libvirt = "libvirt.so.0";
}
