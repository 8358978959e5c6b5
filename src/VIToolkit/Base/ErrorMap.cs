using System.Collections.Generic;
using System.Management.Automation;
using VIToolkit.Core;

namespace VIToolkit.Base;

/// <summary>The one table from Core's error kinds to PowerShell's error categories.</summary>
internal static class ErrorMap
{
    private static readonly Dictionary<ErrorKind, ErrorCategory> s_categories = new()
    {
        [ErrorKind.OperationFailed] = ErrorCategory.NotSpecified,
        [ErrorKind.NotFound] = ErrorCategory.ObjectNotFound,
        [ErrorKind.AlreadyExists] = ErrorCategory.ResourceExists,
        [ErrorKind.InvalidArgument] = ErrorCategory.InvalidArgument,
        [ErrorKind.InvalidState] = ErrorCategory.InvalidOperation,
        [ErrorKind.NotSupported] = ErrorCategory.NotImplemented,
        [ErrorKind.Unreachable] = ErrorCategory.ConnectionError,
        [ErrorKind.AuthenticationFailed] = ErrorCategory.AuthenticationError,
        [ErrorKind.PermissionDenied] = ErrorCategory.PermissionDenied,
        [ErrorKind.Timeout] = ErrorCategory.OperationTimeout,
        [ErrorKind.Incompatible] = ErrorCategory.InvalidOperation,
        [ErrorKind.Cancelled] = ErrorCategory.OperationStopped,
        [ErrorKind.InvalidData] = ErrorCategory.InvalidData,
        [ErrorKind.Busy] = ErrorCategory.ResourceBusy,
    };

    internal static ErrorCategory CategoryOf(VIToolkitException error) =>
        error.ErrorId == "LibvirtNotInstalled" ? ErrorCategory.NotInstalled
        : s_categories.TryGetValue(error.Kind, out var category) ? category : ErrorCategory.NotSpecified;

    internal static ErrorRecord ToRecord(VIToolkitException error, string? errorId = null, object? target = null) =>
        new(error, errorId ?? error.ErrorId, CategoryOf(error), target ?? error.Target);
}
