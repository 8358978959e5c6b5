using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using VIToolkit.Core;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Engine;

namespace VIToolkit.Base;

/// <summary>
/// Base of every VIToolkit cmdlet: cancellation wired to Ctrl+C, server resolution, and the error helpers that
/// give every error a stable id, the right category and its target.
/// </summary>
public abstract class VIToolkitCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();

    /// <summary>The session every command works in (see <see cref="VISession"/> for why there is one per process).</summary>
    protected static VISession Session => VISession.Default;

    /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
    protected CancellationToken CancellationToken => _cancellation.Token;

    protected override void StopProcessing() => _cancellation.Cancel();

    // The error funnel: whatever a command lets escape from Core leaves it with its stable id and category, never as
    // a .NET type name. Commands override Begin/Process/End; per-item errors stay non-terminating where they catch them.
    protected sealed override void BeginProcessing() => Funnel(Begin);

    protected sealed override void ProcessRecord() => Funnel(Process);

    protected sealed override void EndProcessing() => Funnel(End);

    /// <summary>BeginProcessing, inside the error funnel.</summary>
    protected virtual void Begin()
    {
    }

    /// <summary>ProcessRecord, inside the error funnel.</summary>
    protected virtual void Process()
    {
    }

    /// <summary>EndProcessing, inside the error funnel.</summary>
    protected virtual void End()
    {
    }

    private void Funnel(Action step)
    {
        try
        {
            step();
        }
        catch (VIToolkitException e)
        {
            ThrowTerminatingError(ErrorMap.ToRecord(e));
        }
    }

    /// <summary>
    /// The servers a command works on: those given with -Server (an exact name that matches none is a
    /// non-terminating VIServerNotFound), else the default servers; terminating when there are none.
    /// </summary>
    protected IReadOnlyList<VIServer> ResolveServers(VIServerArgument[]? given)
    {
        if (given is not null)
        {
            return Found(ServerResolver.Resolve(given, Session));
        }
        var servers = DefaultServers.Get(SessionState).Distinct().ToList();
        if (servers.Count == 0)
        {
            ThrowTerminatingError(new ErrorRecord(
                new InvalidOperationException(
                    "You are not connected to any server. Connect first with Connect-VIServer (or build a simulated estate with New-VILab), or pass -Server."),
                "NotConnected", ErrorCategory.ResourceUnavailable, null));
        }
        return servers;
    }

    /// <summary>
    /// Where VM names are looked up: the servers given with -Server (resolved), else the default servers, else (none
    /// being set) every connection; connected servers only.
    /// </summary>
    private protected VMNameScope NameScope(IReadOnlyList<VIServer>? given)
    {
        var connected = Session.Connections.Servers.Where(s => s.IsConnected).ToList();
        var defaults = DefaultServers.Get(SessionState);
        var (servers, kind) = given is not null ? (given, VMNameScopeKind.Given)
            : defaults.Count > 0 ? (defaults, VMNameScopeKind.Default)
            : (connected, VMNameScopeKind.Connected);
        var searched = servers.Where(s => s.IsConnected).Distinct().ToList();
        return new VMNameScope(searched, connected.Except(searched).ToList(), kind);
    }

    /// <summary>Writes the errors of a resolution (non-terminating, in input order) and returns the targets it found.</summary>
    private protected IReadOnlyList<T> Found<T>(Resolution<T> resolution)
    {
        foreach (var error in resolution.Errors)
        {
            WriteVIError(error);
        }
        return resolution.Items;
    }

    /// <summary>
    /// ShouldProcess where -Force skips the confirmation prompt (unless -Confirm is given explicitly) but never -WhatIf.
    /// </summary>
    protected bool ShouldProcess(string target, string action, bool force)
    {
        if (!force || MyInvocation.BoundParameters.ContainsKey("Confirm"))
        {
            return ShouldProcess(target, action);
        }
        bool whatIf = MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? value)
            ? ((SwitchParameter)value).IsPresent
            : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));
        return whatIf ? ShouldProcess(target, action) && false : true;
    }

    /// <summary>
    /// Confirms a destructive step of a cmdlet whose own ConfirmImpact is lower (Set-VM -Snapshot): prompts as a
    /// High-impact cmdlet would — unless -Confirm:$false, -Force or $ConfirmPreference = 'None' — and honours -WhatIf.
    /// </summary>
    protected bool ShouldProcessHighImpact(string target, string action, bool force)
    {
        if (!ShouldProcess(target, action))
        {
            return false;
        }
        if (force || MyInvocation.BoundParameters.ContainsKey("Confirm"))
        {
            return true; // -Confirm:$true already prompted in ShouldProcess; -Confirm:$false asks not to.
        }
        var preference = GetVariableValue("ConfirmPreference") is ConfirmImpact c ? c
            : System.Enum.TryParse<ConfirmImpact>(GetVariableValue("ConfirmPreference")?.ToString(), true, out var parsed) ? parsed : ConfirmImpact.High;
        return preference == ConfirmImpact.None || ShouldContinue($"{action} on {target}? This cannot be undone.", "Confirm");
    }

    /// <summary>Writes a non-terminating error for one item.</summary>
    /// <summary>
    /// A file-system path from a PowerShell path (relative to the current location); a path that cannot be one
    /// (a NUL, an unknown drive, another provider) is an <see cref="InvalidInputException"/> with <paramref name="errorId"/>.
    /// </summary>
    protected string FileSystemPath(string path, string errorId, string what)
    {
        try
        {
            return SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out var provider, out _) is { } resolved
                && provider.Name == "FileSystem" && !resolved.Any(char.IsControl)
                ? resolved
                : throw new ArgumentException("it is not a file-system path");
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or SessionStateException or ProviderInvocationException)
        {
            string shown = MessageText.Input(path);
            throw new InvalidInputException(errorId, $"'{shown}' cannot be {what}: {MessageText.Clause(e.Message)}.", shown);
        }
    }

    protected void WriteVIError(VIToolkitException error, string? errorId = null, object? target = null) =>
        WriteError(ErrorMap.ToRecord(error, errorId, target));

    protected void ThrowVIError(VIToolkitException error, string? errorId = null, object? target = null) =>
        ThrowTerminatingError(ErrorMap.ToRecord(error, errorId, target));

    public void Dispose()
    {
        _cancellation.Dispose();
        GC.SuppressFinalize(this);
    }
}
