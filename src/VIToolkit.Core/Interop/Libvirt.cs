using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;

namespace VIToolkit.Core.Interop;

/// <summary>
/// The one choke point between libvirt's C error convention and .NET exceptions.
/// libvirt keeps the last error per OS thread, so <see cref="Fail"/> must run on the thread that made the failing
/// call, right after it, with nothing awaited in between.
/// </summary>
internal static unsafe partial class Libvirt
{
    private const int VIR_FROM_RPC = 7;
    private const int VIR_FROM_REMOTE = 13;

    private static readonly Dictionary<int, ErrorKind> s_kindByCode = new()
    {
        [3] = ErrorKind.NotSupported,         // NO_SUPPORT
        [4] = ErrorKind.Unreachable,          // UNKNOWN_HOST
        [5] = ErrorKind.InvalidArgument,      // NO_CONNECT: no driver for that URI
        [6] = ErrorKind.Unreachable,          // INVALID_CONN
        [8] = ErrorKind.InvalidArgument,      // INVALID_ARG
        [27] = ErrorKind.InvalidArgument,     // XML_ERROR
        [28] = ErrorKind.AlreadyExists,       // DOM_EXIST
        [29] = ErrorKind.PermissionDenied,    // OPERATION_DENIED
        [35] = ErrorKind.InvalidArgument,     // XML_DETAIL
        [37] = ErrorKind.AlreadyExists,       // NETWORK_EXIST
        [39] = ErrorKind.Unreachable,         // RPC
        [40] = ErrorKind.Unreachable,         // GNUTLS_ERROR
        [42] = ErrorKind.NotFound,            // NO_DOMAIN
        [43] = ErrorKind.NotFound,            // NO_NETWORK
        [45] = ErrorKind.AuthenticationFailed,// AUTH_FAILED
        [49] = ErrorKind.NotFound,            // NO_STORAGE_POOL
        [50] = ErrorKind.NotFound,            // NO_STORAGE_VOL
        [53] = ErrorKind.NotFound,            // NO_NODE_DEVICE
        [55] = ErrorKind.InvalidState,        // OPERATION_INVALID
        [57] = ErrorKind.NotFound,            // NO_INTERFACE
        [66] = ErrorKind.NotFound,            // NO_SECRET
        [67] = ErrorKind.NotSupported,        // CONFIG_UNSUPPORTED
        [68] = ErrorKind.Timeout,             // OPERATION_TIMEOUT
        [72] = ErrorKind.NotFound,            // NO_DOMAIN_SNAPSHOT
        [74] = ErrorKind.NotSupported,        // ARGUMENT_UNSUPPORTED
        [78] = ErrorKind.Cancelled,           // OPERATION_ABORTED
        [79] = ErrorKind.AuthenticationFailed,// AUTH_CANCELLED
        [80] = ErrorKind.NotFound,            // NO_DOMAIN_METADATA
        [84] = ErrorKind.NotSupported,        // OPERATION_UNSUPPORTED
        [85] = ErrorKind.Unreachable,         // SSH
        [87] = ErrorKind.InvalidState,        // RESOURCE_BUSY
        [88] = ErrorKind.PermissionDenied,    // ACCESS_DENIED
        [90] = ErrorKind.AlreadyExists,       // STORAGE_VOL_EXIST
        [91] = ErrorKind.Incompatible,        // CPU_INCOMPATIBLE
        [92] = ErrorKind.InvalidArgument,     // XML_INVALID_SCHEMA
        [94] = ErrorKind.AuthenticationFailed,// AUTH_UNAVAILABLE
        [98] = ErrorKind.Unreachable,         // LIBSSH
    };

    private static readonly Dictionary<ErrorKind, string> s_idByKind = new()
    {
        [ErrorKind.OperationFailed] = "LibvirtOperationFailed",
        [ErrorKind.NotFound] = "ObjectNotFound",
        [ErrorKind.AlreadyExists] = "ObjectAlreadyExists",
        [ErrorKind.InvalidArgument] = "InvalidArgument",
        [ErrorKind.InvalidState] = "InvalidState",
        [ErrorKind.NotSupported] = "NotSupportedByHost",
        [ErrorKind.Unreachable] = "HostUnreachable",
        [ErrorKind.AuthenticationFailed] = "AuthenticationFailed",
        [ErrorKind.PermissionDenied] = "PermissionDenied",
        [ErrorKind.Timeout] = "OperationTimeout",
        [ErrorKind.Incompatible] = "CpuIncompatible",
        [ErrorKind.Cancelled] = "OperationCancelled",
    };

    /// <summary>Maps a libvirt error code to what it means to us. <paramref name="connecting"/> widens "system error" to "unreachable".</summary>
    internal static ErrorKind Classify(int code, int domain, bool connecting)
    {
        if (s_kindByCode.TryGetValue(code, out var kind))
        {
            return kind;
        }

        // A dead daemon or socket surfaces as internal/system errors from the RPC layer.
        if (domain is VIR_FROM_RPC or VIR_FROM_REMOTE && code is 1 or 38)
        {
            return ErrorKind.Unreachable;
        }

        return connecting && code is 1 or 38 ? ErrorKind.Unreachable : ErrorKind.OperationFailed;
    }

    /// <summary>Reads and clears the calling thread's libvirt error and turns it into an exception.</summary>
    internal static VIToolkitException Fail(string operation, bool connecting = false)
    {
        int code = 0, domain = 0;
        string message = "unknown libvirt error";
        IntPtr error = NativeMethods.virGetLastError();
        if (error != IntPtr.Zero)
        {
            var native = Marshal.PtrToStructure<NativeError>(error);
            code = native.Code;
            domain = native.Domain;
            message = Marshal.PtrToStringUTF8(native.Message) ?? message;
        }
        NativeMethods.virResetLastError();

        message = Redaction.RedactUris(message);
        var kind = Classify(code, domain, connecting);
        return new VIToolkitException(s_idByKind[kind], kind, message)
        {
            Libvirt = new LibvirtErrorInfo(code, domain, message, operation),
        };
    }

    internal static int Check(int result, string operation)
    {
        if (result < 0)
        {
            throw Fail(operation);
        }
        return result;
    }

    internal static T Check<T>(T handle, string operation) where T : SafeHandle
    {
        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw Fail(operation);
        }
        return handle;
    }

    /// <summary>Copies a string libvirt allocated for us and frees it.</summary>
    internal static string TakeString(IntPtr value, string operation)
    {
        if (value == IntPtr.Zero)
        {
            throw Fail(operation);
        }
        try
        {
            return Marshal.PtrToStringUTF8(value) ?? string.Empty;
        }
        finally
        {
            NativeMemory.Free((void*)value);
        }
    }

    /// <summary>Copies a string libvirt still owns (e.g. <c>virDomainGetName</c>).</summary>
    internal static string PeekString(IntPtr value, string operation) =>
        value == IntPtr.Zero ? throw Fail(operation) : Marshal.PtrToStringUTF8(value) ?? string.Empty;

    /// <summary>Parses the 36 characters libvirt wrote into a UUID-string buffer.</summary>
    internal static Guid ParseUuid(byte* buffer) =>
        Guid.ParseExact(System.Text.Encoding.ASCII.GetString(buffer, 36), "D");

    /// <summary>Wraps a NULL-terminated libvirt array of object pointers into handles and frees the array.</summary>
    internal static List<T> TakeArray<T>(IntPtr* array, int count, Func<IntPtr, T> wrap)
    {
        var result = new List<T>(count);
        try
        {
            for (int i = 0; i < count; i++)
            {
                result.Add(wrap(array[i]));
            }
        }
        finally
        {
            NativeMemory.Free(array);
        }
        return result;
    }
}
