using System;
using System.Globalization;
using System.Net;
using System.Threading;
using VIToolkit.Core.Interop;
using VIToolkit.Core.Model;

namespace VIToolkit.Core.Connections;

/// <summary>
/// One open connection to one libvirt host (PowerCLI's VIServer). Unlike the snapshot model objects it is live:
/// <see cref="ConnectionState"/> follows the connection (a dropped daemon turns it to NotResponding).
/// </summary>
public sealed class VIServer : IDisposable
{
    private readonly NativeConnection _native;
    private int _state = (int)HostConnectionState.Connected;

    private VIServer(ConnectionUri uri, string name, NativeConnection native, HostFacts facts, string? user, bool readOnly)
    {
        ConnectionUri = uri;
        Name = name;
        _native = native;
        Facts = facts;
        User = user;
        ReadOnly = readOnly;
        ConnectedAt = DateTime.UtcNow;
    }

    /// <summary>The host's name: given at connect time, else from the URI, else the daemon's host name.</summary>
    public string Name { get; }

    /// <summary>The URI without any password.</summary>
    public string Uri => ConnectionUri.Redacted;

    public ConnectionUri ConnectionUri { get; }

    public HostConnectionState ConnectionState => (HostConnectionState)Volatile.Read(ref _state);

    /// <summary>True while the link to the daemon is up (a host in maintenance is connected too: see <c>VMHost.ConnectionState</c>).</summary>
    public bool IsConnected => ConnectionState is HostConnectionState.Connected;

    /// <summary>The session this connection belongs to.</summary>
    internal Engine.VISession? Session { get; set; }

    /// <summary>libvirt's driver name, e.g. <c>QEMU</c> or <c>TEST</c>.</summary>
    public string HypervisorType => Facts.HypervisorType;

    /// <summary>The hypervisor's version (for the test driver, libvirt's).</summary>
    public string Version => Facts.Version;

    public string? User { get; }

    public bool ReadOnly { get; }

    /// <summary>True for hosts of the embedded libvirt test driver: nothing here runs a real guest.</summary>
    public bool Simulated => ConnectionUri.IsSimulated;

    /// <summary>The host's identity: its UUID where the hypervisor reports one, else one derived from the URI.</summary>
    public string Id => Facts.Id;

    public DateTime ConnectedAt { get; }

    /// <summary>Why the connection dropped, when it did (libvirt's close reason, in words).</summary>
    public string? DisconnectReason { get; private set; }

    internal HostFacts Facts { get; }

    /// <summary>A salted hash of the password this connection was opened with: reuse needs the same one.</summary>
    internal string? CredentialFingerprint { get; private init; }

    private static readonly byte[] s_salt = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);

    internal static string? Fingerprint(NetworkCredential? credential) =>
        string.IsNullOrEmpty(credential?.Password)
            ? null
            : Convert.ToHexString(System.Security.Cryptography.HMACSHA256.HashData(s_salt, System.Text.Encoding.UTF8.GetBytes(credential!.Password)));

    /// <summary>Opens a connection and reads the host's static facts once.</summary>
    internal static VIServer Open(ConnectionUri uri, string? name, NetworkCredential? credential, bool readOnly)
    {
        if (uri.IsSimulated && !uri.HasDaemon && uri.Path != "/default" && !System.IO.File.Exists(uri.Path))
        {
            // libvirt's XML parser would print its own warning to stderr before failing.
            throw new InvalidInputException("InvalidUri", $"'{MessageText.Input(uri.Redacted)}' names a test-driver host file that does not exist.", uri.Redacted);
        }
        NativeConnection native;
        try
        {
            native = NativeConnection.Open(uri.Original, credential, readOnly);
        }
        catch (VIToolkitException e)
        {
            throw ConnectFailure(uri, e);
        }

        try
        {
            var facts = HostFacts.Read(native, uri);
            string hostName = !string.IsNullOrWhiteSpace(name) ? name! : uri.DefaultName() ?? facts.Hostname;
            string? user = !string.IsNullOrEmpty(credential?.UserName) ? credential!.UserName : uri.User;
            var server = new VIServer(uri, hostName, native, facts, user, readOnly) { CredentialFingerprint = Fingerprint(credential) };
            if (uri.HasDaemon)
            {
                // Probe every 5 s, declare the host dead after 3 missed answers (~15 s, as vSphere HA).
                native.TryEnableKeepAlive(5, 3);
            }
            native.TryRegisterCloseCallback(server.OnClosed);
            return server;
        }
        catch
        {
            native.Dispose();
            throw;
        }
    }

    private static VIToolkitException ConnectFailure(ConnectionUri uri, VIToolkitException e)
    {
        string target = uri.Redacted;
        string shown = MessageText.Input(target);
        return e.Kind switch
        {
            ErrorKind.Unreachable => new HostUnreachableException($"Could not connect to '{shown}': {e.Message}", target, e) { Libvirt = e.Libvirt },
            ErrorKind.AuthenticationFailed => e.Rephrase("AuthenticationFailed", $"Authentication to '{shown}' failed: {e.Message}", target),
            ErrorKind.InvalidArgument => e.Rephrase("InvalidUri", $"'{shown}' cannot be opened: {e.Message}", target),
            _ => e.Rephrase("ConnectionFailed", $"Could not connect to '{shown}': {e.Message}", target),
        };
    }

    private void OnClosed(int reason)
    {
        DisconnectReason = reason switch
        {
            0 => "connection error",
            1 => "the daemon closed the connection (end of file)",
            2 => "keepalive timeout: the host stopped answering",
            _ => "closed by the client",
        };
        MarkDown(reason == 3 ? HostConnectionState.Disconnected : HostConnectionState.NotResponding, DisconnectReason);
    }

    /// <summary>Moves a connected link to <paramref name="next"/> once, and tells the session.</summary>
    private void MarkDown(HostConnectionState next, string? reason)
    {
        if (Interlocked.CompareExchange(ref _state, (int)next, (int)HostConnectionState.Connected) == (int)HostConnectionState.Connected)
        {
            Session?.RaiseHostStateChanged(this, HostConnectionState.Connected, next, reason);
        }
    }

    /// <summary>
    /// Runs one piece of work against the host. A host that is known to be gone fails fast; a failure that shows the
    /// host is gone marks it NotResponding and comes back as <see cref="HostUnreachableException"/> naming the host.
    /// </summary>
    internal T Invoke<T>(Func<NativeConnection, T> work)
    {
        var state = ConnectionState;
        if (state is HostConnectionState.Disconnected)
        {
            throw new HostUnreachableException($"Host '{Name}' ({Uri}) is disconnected. Connect again with Connect-VIServer.", this);
        }
        if (state is HostConnectionState.NotResponding)
        {
            throw new HostUnreachableException(
                $"Host '{Name}' ({Uri}) is not responding ({DisconnectReason ?? "unknown reason"}). Reconnect with Connect-VIServer once it is back.", this);
        }
        try
        {
            return work(_native);
        }
        catch (VIToolkitException e) when (e.Kind == ErrorKind.Unreachable && e is not HostUnreachableException && _native.IsAlive)
        {
            // An RPC error over a live connection is the daemon's own link failing (e.g. a peer-to-peer migration's
            // link to the destination daemon), not this host going away: the host stays Connected.
            throw new VIToolkitException("LibvirtOperationFailed", ErrorKind.OperationFailed, e.Message, e) { Libvirt = e.Libvirt };
        }
        catch (VIToolkitException e) when (e.Kind == ErrorKind.Unreachable && e is not HostUnreachableException)
        {
            DisconnectReason ??= e.Message;
            MarkDown(HostConnectionState.NotResponding, e.Message);
            throw new HostUnreachableException($"Host '{Name}' ({Uri}) stopped answering: {e.Message}", this, e) { Libvirt = e.Libvirt };
        }
    }

    internal void Close()
    {
        MarkDown(HostConnectionState.Disconnected, "closed by the client");
        Interlocked.Exchange(ref _state, (int)HostConnectionState.Disconnected);
        DisconnectReason ??= "closed by the client";
        _native.Dispose();
    }

    public void Dispose() => Close();

    public override string ToString() => Name;
}

/// <summary>What a host says about itself that does not change while connected; read once at connect time.</summary>
internal sealed record HostFacts(
    string HypervisorType, string Version, string LibraryVersion, string Hostname, string Id, Guid? Uuid,
    string Architecture, string? CpuVendor, string ProcessorType, string? Manufacturer, string? Model,
    int NumCpu, int CpuMhz, int Sockets, int CoresPerSocket, int ThreadsPerCore, ulong MemoryTotalBytes,
    string GuestDomainType, string GuestArchitecture, string GuestOsType)
{
    internal static HostFacts Read(NativeConnection native, ConnectionUri uri)
    {
        string type = native.GetHypervisorType();
        string version = FormatVersion(native.GetHypervisorVersion());
        string library = FormatVersion(native.GetLibraryVersion());
        string hostname = native.GetHostname();
        var node = native.GetNodeInfo();
        var capabilities = CapabilitiesInfo.Parse(native.GetCapabilities());
        var sysinfo = SysinfoInfo.Parse(native.TryGetSysinfo());

        // The test driver reports no host UUID; derive a stable one from the URI so Id is never empty.
        string id = capabilities.Uuid?.ToString("D") ?? NameBasedGuid.Create(uri.Redacted).ToString("D");
        // Real hosts report only the architecture in virNodeGetInfo; their CPU model is in the capabilities.
        // The test driver is the other way round: its capabilities have no model, its node info has the lab's.
        string processor = capabilities.CpuModel is { Length: > 0 } model
            ? (capabilities.CpuVendor is { Length: > 0 } vendor ? vendor + " " + model : model)
            : node.CpuModel.Length > 0 ? node.CpuModel : capabilities.Architecture;
        return new HostFacts(type, version, library, hostname, id, capabilities.Uuid, capabilities.Architecture,
            capabilities.CpuVendor, processor, sysinfo.Manufacturer, sysinfo.Product ?? processor,
            node.Cpus, node.Mhz, node.Sockets, node.CoresPerSocket, node.ThreadsPerCore, node.MemoryKiB * 1024,
            capabilities.GuestDomainType, capabilities.GuestArchitecture, capabilities.GuestOsType);
    }

    /// <summary>libvirt encodes versions as major * 1,000,000 + minor * 1,000 + release.</summary>
    internal static string FormatVersion(ulong encoded) =>
        string.Create(CultureInfo.InvariantCulture, $"{encoded / 1_000_000}.{encoded / 1000 % 1000}.{encoded % 1000}");
}
