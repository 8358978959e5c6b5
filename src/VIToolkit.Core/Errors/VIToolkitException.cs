using System;

namespace VIToolkit.Core;

/// <summary>What kind of failure an error is; the cmdlet layer maps it to an <c>ErrorCategory</c> in one table.</summary>
public enum ErrorKind
{
    OperationFailed,
    NotFound,
    AlreadyExists,
    InvalidArgument,
    InvalidState,
    NotSupported,
    Unreachable,
    AuthenticationFailed,
    PermissionDenied,
    Timeout,
    Incompatible,
    Cancelled,
    InvalidData,
    Busy,
}

/// <summary>The raw libvirt error behind an exception, kept for diagnosis and for scripts that need the code.</summary>
/// <param name="Code">The <c>virErrorNumber</c> (e.g. 42 for VIR_ERR_NO_DOMAIN).</param>
/// <param name="Domain">The <c>virErrorDomain</c> (where in libvirt it came from).</param>
/// <param name="Message">libvirt's message, with any secret removed.</param>
/// <param name="Operation">The libvirt function that failed.</param>
public sealed record LibvirtErrorInfo(int Code, int Domain, string Message, string Operation);

/// <summary>
/// Base of every error VIToolkit.Core raises on purpose. <see cref="ErrorId"/> is a stable identifier that scripts
/// and tests rely on (it becomes the first part of the PowerShell FullyQualifiedErrorId).
/// </summary>
public class VIToolkitException : Exception
{
    public VIToolkitException(string errorId, ErrorKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Kind = kind;
    }

    /// <summary>Stable identifier, e.g. <c>VMNotFound</c>, <c>HostUnreachable</c>.</summary>
    public string ErrorId { get; }

    public ErrorKind Kind { get; }

    /// <summary>The object the error is about (a name, a URI without secrets, a model object), when known.</summary>
    public object? Target { get; init; }

    /// <summary>The libvirt error behind this one, when there is one.</summary>
    public LibvirtErrorInfo? Libvirt { get; init; }

    /// <summary>Returns a copy with a more specific id, message and target, keeping the libvirt details and cause.</summary>
    public VIToolkitException Rephrase(string errorId, string message, object? target) =>
        new(errorId, Kind, message, this) { Target = target, Libvirt = Libvirt };
}

/// <summary>An object (VM, host, network, datastore…) does not exist.</summary>
public sealed class ObjectNotFoundException : VIToolkitException
{
    public ObjectNotFoundException(string errorId, string message, object? target = null, Exception? inner = null)
        : base(errorId, ErrorKind.NotFound, message, inner) => Target = target;
}

/// <summary>A host cannot be reached, or stopped answering.</summary>
public sealed class HostUnreachableException : VIToolkitException
{
    public HostUnreachableException(string message, object? target = null, Exception? inner = null)
        : base("HostUnreachable", ErrorKind.Unreachable, message, inner) => Target = target;
}

/// <summary>Input that cannot be accepted (malformed URI, invalid UUID…).</summary>
public sealed class InvalidInputException : VIToolkitException
{
    public InvalidInputException(string errorId, string message, object? target = null, Exception? inner = null)
        : base(errorId, ErrorKind.InvalidArgument, message, inner) => Target = target;
}
