using System;
using System.Net;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;

namespace VIToolkit.Core.Interop;

/// <summary>
/// One open libvirt connection and everything native that must live exactly as long as it: the auth structure and its
/// credentials, and the close callback registration. The only way the rest of Core talks to libvirt.
/// </summary>
internal sealed unsafe partial class NativeConnection : IDisposable
{
    private readonly ConnectHandle _handle;
    private readonly AuthContext _auth;
    private GCHandle _self;
    private Action<int>? _onClosed;
    private int _disposed;

    private NativeConnection(ConnectHandle handle, AuthContext auth)
    {
        _handle = handle;
        _auth = auth;
    }

    internal ConnectHandle Handle => _handle;

    /// <summary>Opens <paramref name="uri"/>; credentials are offered to libvirt only when it asks for them.</summary>
    internal static NativeConnection Open(string uri, NetworkCredential? credential, bool readOnly)
    {
        LibvirtRuntime.EnsureInitialized();
        var auth = new AuthContext(credential);
        ConnectHandle handle;
        try
        {
            handle = NativeMethods.virConnectOpenAuth(uri, auth.Native, readOnly ? NativeMethods.VIR_CONNECT_RO : 0);
            if (handle.IsInvalid)
            {
                handle.Dispose();
                var error = Libvirt.Fail("virConnectOpenAuth", connecting: true);
                throw Redacted(error, credential?.Password);
            }
        }
        catch
        {
            auth.Dispose();
            throw;
        }
        return new NativeConnection(handle, auth);
    }

    private static VIToolkitException Redacted(VIToolkitException error, string? secret)
    {
        if (string.IsNullOrEmpty(secret) || error.Message.IndexOf(secret, StringComparison.Ordinal) < 0)
        {
            return error;
        }
        string message = Redaction.Redact(error.Message, secret);
        return new VIToolkitException(error.ErrorId, error.Kind, message)
        {
            Libvirt = error.Libvirt! with { Message = message },
        };
    }

    internal string GetHypervisorType() => Libvirt.PeekString(NativeMethods.virConnectGetType(_handle), "virConnectGetType");

    internal ulong GetHypervisorVersion()
    {
        Libvirt.Check(NativeMethods.virConnectGetVersion(_handle, out ulong version), "virConnectGetVersion");
        return version;
    }

    internal ulong GetLibraryVersion()
    {
        Libvirt.Check(NativeMethods.virConnectGetLibVersion(_handle, out ulong version), "virConnectGetLibVersion");
        return version;
    }

    internal string GetHostname() => Libvirt.TakeString(NativeMethods.virConnectGetHostname(_handle), "virConnectGetHostname");

    internal string GetCapabilities() => Libvirt.TakeString(NativeMethods.virConnectGetCapabilities(_handle), "virConnectGetCapabilities");

    internal string? TryGetSysinfo()
    {
        IntPtr value = NativeMethods.virConnectGetSysinfo(_handle, 0);
        if (value == IntPtr.Zero)
        {
            NativeMethods.virResetLastError();
            return null;
        }
        return Libvirt.TakeString(value, "virConnectGetSysinfo");
    }

    internal NodeFacts GetNodeInfo()
    {
        NodeInfo info;
        Libvirt.Check(NativeMethods.virNodeGetInfo(_handle, &info), "virNodeGetInfo");
        string model = Marshal.PtrToStringUTF8((IntPtr)info.Model) ?? string.Empty;
        return new NodeFacts(model, info.MemoryKiB, (int)info.Cpus, (int)info.Mhz, (int)info.Nodes, (int)info.Sockets, (int)info.Cores, (int)info.Threads);
    }

    /// <summary>Free host memory in bytes, or null where the driver cannot tell (the test driver's file hosts).</summary>
    internal ulong? TryGetFreeMemory()
    {
        ulong free = NativeMethods.virNodeGetFreeMemory(_handle);
        if (free == 0)
        {
            NativeMethods.virResetLastError();
            return null;
        }
        return free;
    }

    internal bool IsAlive => NativeMethods.virConnectIsAlive(_handle) == 1;

    /// <summary>Turns on keepalive probes; false where the connection has no daemon on the other end.</summary>
    internal bool TryEnableKeepAlive(int intervalSeconds, uint missedBeforeDead)
    {
        int result = NativeMethods.virConnectSetKeepAlive(_handle, intervalSeconds, missedBeforeDead);
        if (result < 0)
        {
            NativeMethods.virResetLastError();
            return false;
        }
        return result == 0;
    }

    /// <summary>
    /// Calls <paramref name="onClosed"/> (on the event-loop thread) with libvirt's reason when the connection drops:
    /// 0 error, 1 end of file (daemon gone), 2 keepalive timeout, 3 closed by the client.
    /// </summary>
    internal bool TryRegisterCloseCallback(Action<int> onClosed)
    {
        _onClosed = onClosed;
        _self = GCHandle.Alloc(this);
        if (NativeMethods.virConnectRegisterCloseCallback(_handle, &OnClose, GCHandle.ToIntPtr(_self), IntPtr.Zero) < 0)
        {
            NativeMethods.virResetLastError();
            _self.Free();
            _onClosed = null;
            return false;
        }
        return true;
    }

    [UnmanagedCallersOnly]
    private static void OnClose(IntPtr conn, int reason, IntPtr opaque)
    {
        try
        {
            if (GCHandle.FromIntPtr(opaque).Target is NativeConnection connection)
            {
                connection._onClosed?.Invoke(reason);
            }
        }
        catch
        {
            // Nothing may unwind into libvirt's event loop.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        // An unregistered close callback would keep the connection referenced (virConnectClose returns 1).
        if (_self.IsAllocated)
        {
            if (NativeMethods.virConnectUnregisterCloseCallback(_handle, &OnClose) < 0)
            {
                NativeMethods.virResetLastError();
            }
            _self.Free();
        }
        _handle.Dispose();
        _auth.Dispose();
    }

    /// <summary>The credentials libvirt may ask for during open, and the native <c>virConnectAuth</c> that offers them.</summary>
    private sealed class AuthContext : IDisposable
    {
        private static readonly int[] s_credentialTypes =
        {
            NativeMethods.VIR_CRED_USERNAME, NativeMethods.VIR_CRED_AUTHNAME, NativeMethods.VIR_CRED_PASSPHRASE,
            NativeMethods.VIR_CRED_ECHOPROMPT, NativeMethods.VIR_CRED_NOECHOPROMPT,
        };

        private readonly NetworkCredential? _credential;
        private GCHandle _self;

        internal AuthContext(NetworkCredential? credential)
        {
            _credential = credential;
            _self = GCHandle.Alloc(this);
            var native = (ConnectAuth*)NativeMemory.AllocZeroed((nuint)sizeof(ConnectAuth));
            var types = (int*)NativeMemory.Alloc((nuint)(sizeof(int) * s_credentialTypes.Length));
            for (int i = 0; i < s_credentialTypes.Length; i++)
            {
                types[i] = s_credentialTypes[i];
            }
            native->CredTypes = types;
            native->CredTypeCount = (uint)s_credentialTypes.Length;
            native->Callback = &Provide;
            native->CallbackData = GCHandle.ToIntPtr(_self);
            Native = (IntPtr)native;
        }

        internal IntPtr Native { get; private set; }

        [UnmanagedCallersOnly]
        private static int Provide(ConnectCredential* credentials, uint count, IntPtr data)
        {
            try
            {
                var context = (AuthContext)GCHandle.FromIntPtr(data).Target!;
                for (uint i = 0; i < count; i++)
                {
                    ConnectCredential* credential = &credentials[i];
                    string? answer = context.Answer(credential->Type, credential->DefaultResult);
                    if (answer is null)
                    {
                        return -1;
                    }
                    // libvirt frees result with free(), so it must come from malloc.
                    int length = Encoding.UTF8.GetByteCount(answer);
                    byte* result = (byte*)NativeMemory.Alloc((nuint)length + 1);
                    Encoding.UTF8.GetBytes(answer, new Span<byte>(result, length));
                    result[length] = 0;
                    credential->Result = result;
                    credential->ResultLength = (uint)length;
                }
                return 0;
            }
            catch
            {
                return -1;
            }
        }

        private string? Answer(int type, IntPtr defaultResult)
        {
            switch (type)
            {
                case NativeMethods.VIR_CRED_USERNAME:
                case NativeMethods.VIR_CRED_AUTHNAME:
                case NativeMethods.VIR_CRED_ECHOPROMPT:
                    return !string.IsNullOrEmpty(_credential?.UserName)
                        ? _credential!.UserName
                        : Marshal.PtrToStringUTF8(defaultResult);
                case NativeMethods.VIR_CRED_PASSPHRASE:
                case NativeMethods.VIR_CRED_NOECHOPROMPT:
                    // No interactive prompt in a binary module: without a credential, authentication fails cleanly.
                    return _credential?.Password is { Length: > 0 } password ? password : null;
                default:
                    return null;
            }
        }

        public void Dispose()
        {
            if (Native != IntPtr.Zero)
            {
                var native = (ConnectAuth*)Native;
                NativeMemory.Free(native->CredTypes);
                NativeMemory.Free(native);
                Native = IntPtr.Zero;
            }
            if (_self.IsAllocated)
            {
                _self.Free();
            }
        }
    }
}

/// <summary>What <c>virNodeGetInfo</c> says about a host.</summary>
internal readonly record struct NodeFacts(
    string CpuModel, ulong MemoryKiB, int Cpus, int Mhz, int NumaNodes, int Sockets, int CoresPerSocket, int ThreadsPerCore);
