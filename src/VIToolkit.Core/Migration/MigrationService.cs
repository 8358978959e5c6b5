using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Clusters;
using VIToolkit.Core.Compatibility;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Interop;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;
using VIToolkit.Core.Tasks;

namespace VIToolkit.Core.Migration;

/// <summary>How one move is to be done.</summary>
/// <param name="DestinationUri">The URI the source daemon uses to reach the destination daemon (peer-to-peer); default: the destination's own URI.</param>
/// <param name="DataUri">Where QEMU sends the memory (libvirt's migrate_uri, e.g. tcp://10.0.0.2); default: libvirt's choice.</param>
/// <param name="CheckedOn">The snapshot a plan checked this move on: while it is fresh the move is not checked again.</param>
public sealed record MigrationRequest(MigrationType Type = MigrationType.Auto, bool SkipCompatibilityCheck = false, string? DestinationUri = null, string? DataUri = null)
{
    public Engine.ClusterSnapshot? CheckedOn { get; init; }
}

/// <summary>
/// Moves VMs between hosts (Move-VM). Live moves go through libvirt (virDomainMigrateToURI3, peer-to-peer, persistent
/// on the destination, undefined on the source only after success), so a failed or cancelled move leaves the VM
/// running on its source. Hosts whose driver cannot migrate (the test driver) get an offline move, which says so.
/// </summary>
public sealed class MigrationService
{
    private readonly Engine.VISession _session;

    public MigrationService(Engine.VISession session) => _session = session;

    /// <summary>A request to move to <paramref name="destination"/>, with the migration URIs stored for it in the inventory.</summary>
    public static MigrationRequest RequestFor(Inventory.InventoryDocument inventory, VIServer destination, MigrationType type, bool skipCompatibilityCheck)
    {
        var settings = inventory.Hosts.FirstOrDefault(h => h.Uri == destination.Uri);
        return new MigrationRequest(type, skipCompatibilityCheck, settings?.MigrationUri, settings?.MigrationDataUri);
    }

    /// <summary>A running VM that only an offline move (power off, power on) could take there: refused unless asked for.</summary>
    public static VIToolkitException PowerOffRequired(VirtualMachine vm, VIServer source, VIServer destination) =>
        new("PowerOffRequired", ErrorKind.InvalidState,
            $"VM '{vm.Name}' is {vm.PowerState} and cannot move live from '{source.Name}' to '{destination.Name}'{WhyNotLive(source, destination)}; moving it would power it off. Nothing was changed: ask for that with -MigrationType Offline, or stop the VM first.")
        { Target = vm };

    private static string WhyNotLive(VIServer source, VIServer destination) =>
        source.Simulated || destination.Simulated ? " (simulated hosts have no live migration)"
        : source.HypervisorType != destination.HypervisorType ? $" ({source.HypervisorType} to {destination.HypervisorType})"
        : string.Empty;

    /// <summary>Whether a VM on <paramref name="source"/> can move live to <paramref name="destination"/>.</summary>
    public static bool CanMigrateLive(VIServer source, VIServer destination) =>
        !source.Simulated && !destination.Simulated && source.HypervisorType == destination.HypervisorType;

    /// <summary>
    /// Moves <paramref name="vm"/> to <paramref name="destination"/> and returns it as it now is there, with
    /// <see cref="VirtualMachine.Migration"/> filled in. <paramref name="task"/>, when given, gets state and progress.
    /// </summary>
    public VirtualMachine Move(VirtualMachine vm, VIServer destination, MigrationRequest request, VITask? task, CancellationToken cancellationToken)
    {
        var source = vm.Server;
        if (ReferenceEquals(destination, source) || destination.Uri == source.Uri)
        {
            throw new VIToolkitException("DestinationIsSource", ErrorKind.InvalidArgument, $"VM '{vm.Name}' is already on '{destination.Name}'.") { Target = vm };
        }
        var gates = _session.MigrationGates;
        if (!gates.TryClaim(source.Uri, vm.Uuid))
        {
            throw new VIToolkitException("VMMigrationInProgress", ErrorKind.Busy, $"VM '{vm.Name}' is already being moved by this session.") { Target = vm };
        }
        try
        {
            var gate = gates.Outbound(source.Uri);
            task?.Report(0, $"Waiting for a migration slot on '{source.Name}'");
            gate.Wait(cancellationToken);
            try
            {
                if (task is not null)
                {
                    TaskManager.BeginWork(task);
                }
                return MoveNow(vm, destination, request, task, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }
        finally
        {
            gates.Release(source.Uri, vm.Uuid);
        }
    }

    private VirtualMachine MoveNow(VirtualMachine vm, VIServer destination, MigrationRequest request, VITask? task, CancellationToken cancellationToken)
    {
        var source = vm.Server;
        var fresh = VMService.Refresh(vm) ?? throw new ObjectNotFoundException("VMNotFound", $"VM '{vm.Name}' no longer exists on '{vm.VMHostName}'.", vm);
        // A move a plan checked on a snapshot that is still fresh is not checked again.
        if (!request.SkipCompatibilityCheck && request.CheckedOn is not { IsStale: false })
        {
            task?.Report(0, "Checking compatibility");
            var report = MigrationChecker.Test(fresh, destination, _session, cancellationToken);
            if (!report.Compatible)
            {
                var errors = report.Issues.Where(i => i.Severity == IssueSeverity.Error).ToList();
                throw new MigrationRefusedException(report,
                    $"VM '{vm.Name}' cannot move from '{source.Name}' to '{destination.Name}': {string.Join(" ", errors.Select(e => $"[{e.Code}] {e.Message}"))} (Test-VMMigration shows the report; -SkipCompatibilityCheck overrides it.)")
                { Target = fresh };
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        var current = source.Invoke(native => native.ReadDomain(vm.Uuid));
        bool running = current.State.IsActive();
        bool canLive = CanMigrateLive(source, destination);
        var type = request.Type switch
        {
            MigrationType.Live when !running => throw new VIToolkitException("LiveMigrationNotPossible", ErrorKind.InvalidState,
                $"VM '{vm.Name}' is {fresh.PowerState}: only a running VM moves live. Use -MigrationType Offline or Auto.") { Target = fresh },
            MigrationType.Live when !canLive => throw new VIToolkitException("LiveMigrationNotSupported", ErrorKind.NotSupported,
                $"'{source.Name}' ({source.HypervisorType}) to '{destination.Name}' ({destination.HypervisorType}) cannot migrate live{WhyNotLive(source, destination)}. Use -MigrationType Offline to power the VM off here and on there.") { Target = fresh },
            // Auto never powers a VM off: a running VM that cannot move live is refused, and -MigrationType Offline asks for it.
            MigrationType.Auto when running && !canLive => throw PowerOffRequired(fresh, source, destination),
            MigrationType.Auto => running ? MigrationType.Live : MigrationType.Offline,
            _ => request.Type,
        };
        if (type == MigrationType.Live && source.Invoke(native => native.GetJobProgress(vm.Uuid)).Active)
        {
            throw new VIToolkitException("VMMigrationInProgress", ErrorKind.Busy, $"VM '{vm.Name}' already has a job running on '{source.Name}' (another migration?).") { Target = fresh };
        }
        var moved = type == MigrationType.Live
            ? MoveLive(fresh, destination, request, task, cancellationToken)
            : MoveOffline(fresh, current, destination, task, cancellationToken);
        RecordMove(moved, task);
        return moved;
    }

    /// <summary>A move is an event: VmMigratedEvent (live) or VmRelocatedEvent (offline), with how it went.</summary>
    private static void RecordMove(VirtualMachine moved, VITask? task)
    {
        if (moved.Migration is not { } m || moved.Server.Session is not { } session)
        {
            return;
        }
        var data = new System.Collections.Generic.Dictionary<string, string>
        {
            ["type"] = m.Type.ToString(),
            ["method"] = m.Method,
            ["source"] = m.Source,
            ["destination"] = m.Destination,
            ["durationMs"] = ((long)m.Duration.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["poweredOffForMove"] = m.PoweredOffForMove ? "true" : "false",
        };
        if (m.DowntimeMs is { } downtime)
        {
            data["downtimeMs"] = downtime.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        string how = m.Type == MigrationType.Live
            ? $"live in {m.Duration.TotalSeconds:0.0} s" + (m.DowntimeMs is { } d ? $", {d} ms down" : string.Empty)
            : "offline" + (m.PoweredOffForMove ? ", powered off for the move" : string.Empty);
        session.Events.Record(new Store.VIEvent
        {
            Type = m.Type == MigrationType.Live ? "VmMigratedEvent" : "VmRelocatedEvent",
            EntityType = "VirtualMachine",
            EntityName = moved.Name,
            EntityId = moved.Id,
            Host = moved.VMHostName,
            FullFormattedMessage = $"{moved.Name} moved from {m.Source} to {m.Destination} ({how})",
            ChainId = task?.Id,
            Data = data,
        });
    }

    private static VirtualMachine MoveLive(VirtualMachine vm, VIServer destination, MigrationRequest request, VITask? task, CancellationToken cancellationToken)
    {
        var source = vm.Server;
        string target = request.DestinationUri ?? destination.Uri;
        var started = DateTime.Now;
        var clock = Stopwatch.StartNew();
        task?.Report(1, $"Migrating live to '{destination.Name}'");
        int aborted = 0;
        using var poll = new Timer(_ => ReportProgress(vm, destination, task), null, 500, 500);
        using (cancellationToken.Register(() =>
        {
            Interlocked.Exchange(ref aborted, 1);
            try
            {
                source.Invoke(native => { native.AbortJob(vm.Uuid); return true; });
            }
            catch (VIToolkitException)
            {
                // nothing to abort (not started yet, or already over): the outcome below tells
            }
        }))
        {
            try
            {
                source.Invoke(native => { native.MigrateLive(vm.Uuid, target, request.DataUri); return true; });
            }
            catch (VIToolkitException e)
            {
                poll.Change(Timeout.Infinite, Timeout.Infinite);
                throw Failed(vm, destination, e, cancelled: Volatile.Read(ref aborted) == 1 || e.Kind == ErrorKind.Cancelled);
            }
        }
        poll.Change(Timeout.Infinite, Timeout.Infinite);
        clock.Stop();
        var record = destination.Invoke(native => native.ReadDomain(vm.Uuid));
        CompletedJob job = default;
        try
        {
            job = destination.Invoke(native => native.GetCompletedJob(vm.Uuid));
        }
        catch (VIToolkitException)
        {
            // statistics are a bonus; the move itself succeeded
        }
        return new VirtualMachine(record, destination, HostService.Deferred(destination))
        {
            Migration = new MigrationInfo(MigrationType.Live, "virDomainMigrateToURI3 (live, peer-to-peer)", source.Name, destination.Name, started,
                clock.Elapsed, job.DowntimeMs, job.DataProcessed, poweredOffForMove: false),
        };
    }

    private static void ReportProgress(VirtualMachine vm, VIServer destination, VITask? task)
    {
        if (task is null)
        {
            return;
        }
        try
        {
            var job = vm.Server.Invoke(native => native.GetJobProgress(vm.Uuid));
            if (job.Active && job.DataTotal > 0)
            {
                int percent = (int)Math.Min(99, 1 + job.DataProcessed * 98 / job.DataTotal);
                task.Report(percent, $"Migrating live to '{destination.Name}': {job.DataProcessed / 1048576.0:N0} of {job.DataTotal / 1048576.0:N0} MiB sent, {job.DataRemaining / 1048576.0:N0} MiB remaining");
            }
        }
        catch (VIToolkitException)
        {
            // the VM may have left the source a moment ago
        }
    }

    /// <summary>Why a live move failed, and where the VM runs now (counted, not assumed).</summary>
    private static VIToolkitException Failed(VirtualMachine vm, VIServer destination, VIToolkitException error, bool cancelled)
    {
        var source = vm.Server;
        string where;
        var onSource = Where(source, vm.Uuid);
        var onDestination = Where(destination, vm.Uuid);
        if (onSource == true && onDestination != true)
        {
            where = $"It still runs on '{source.Name}'.";
        }
        else if (onDestination == true && onSource != true)
        {
            where = $"It runs on '{destination.Name}' (the move completed before the failure was reported).";
        }
        else if (onSource is null)
        {
            where = $"'{source.Name}' does not answer; its guests keep running and libvirt takes them back when the daemon returns.";
        }
        else
        {
            where = $"Running on source: {onSource}; on destination: {onDestination?.ToString() ?? "unknown"}.";
        }
        string reason = error.Libvirt?.Message ?? error.Message;
        return cancelled
            ? new VIToolkitException("MigrationCancelled", ErrorKind.Cancelled, $"The move of VM '{vm.Name}' to '{destination.Name}' was cancelled. {where}", error) { Target = vm, Libvirt = error.Libvirt }
            : new VIToolkitException("MigrationFailed", error.Kind == ErrorKind.Unreachable ? ErrorKind.Unreachable : ErrorKind.OperationFailed,
                $"The move of VM '{vm.Name}' to '{destination.Name}' failed: {MessageText.Sentence(reason)} {where}", error) { Target = vm, Libvirt = error.Libvirt };
    }

    /// <summary>True when the VM runs there, false when it does not, null when the host does not answer.</summary>
    private static bool? Where(VIServer server, Guid uuid)
    {
        try
        {
            return server.Invoke(native => native.FindDomainByUuid(uuid))?.State.IsActive() == true;
        }
        catch (VIToolkitException)
        {
            return null;
        }
    }

    /// <summary>
    /// Offline: define on the destination; for a running VM power it off here and on there (back here if that
    /// fails); then undefine here. At every step the VM is defined somewhere and runs on at most one host.
    /// </summary>
    private static VirtualMachine MoveOffline(VirtualMachine vm, DomainRecord current, VIServer destination, VITask? task, CancellationToken cancellationToken)
    {
        var source = vm.Server;
        if (current.HasManagedSave)
        {
            throw new VIToolkitException("VMSuspendedToDisk", ErrorKind.InvalidState,
                $"VM '{vm.Name}' is suspended to disk on '{source.Name}'; its saved state cannot move. Start it (or Stop-VM to discard the state) first.") { Target = vm };
        }
        if (source.Invoke(native => native.ListSnapshots(vm.Uuid)).Count > 0)
        {
            throw new VIToolkitException("VMHasSnapshots", ErrorKind.InvalidState,
                $"VM '{vm.Name}' has snapshots, which an offline move would lose. Remove them first (Get-Snapshot -VM '{vm.Name}' | Remove-Snapshot).") { Target = vm };
        }
        bool running = current.State.IsRunning();
        bool paused = current.State.IsPaused();
        var started = DateTime.Now;
        var clock = Stopwatch.StartNew();
        string xml = source.Invoke(native => native.GetDomainXml(vm.Uuid, inactive: true));
        cancellationToken.ThrowIfCancellationRequested();
        task?.Report(20, $"Defining on '{destination.Name}'");
        if (destination.Invoke(native => native.FindDomainByUuid(vm.Uuid)) is not null)
        {
            throw new VIToolkitException("VMAlreadyExists", ErrorKind.AlreadyExists, $"A VM with Id {vm.Id} is already defined on '{destination.Name}'.") { Target = vm };
        }
        destination.Invoke(native => native.DefineDomain(xml));
        try
        {
            if (running || paused)
            {
                task?.Report(50, $"Powering off on '{source.Name}', on on '{destination.Name}'");
                source.Invoke(native => native.DestroyDomain(vm.Uuid));
                try
                {
                    destination.Invoke(native => native.CreateDomain(vm.Uuid));
                    if (paused)
                    {
                        destination.Invoke(native => native.SuspendDomain(vm.Uuid));
                    }
                }
                catch (VIToolkitException)
                {
                    // Never two running copies: stop any copy the destination started before the source's comes back.
                    try
                    {
                        destination.Invoke(native => native.DestroyDomain(vm.Uuid));
                    }
                    catch (VIToolkitException)
                    {
                        // it was not running there
                    }
                    source.Invoke(native => native.CreateDomain(vm.Uuid));
                    throw;
                }
            }
        }
        catch (VIToolkitException e)
        {
            try
            {
                destination.Invoke(native => { native.UndefineDomain(vm.Uuid); return true; });
            }
            catch (VIToolkitException)
            {
                // the definition stays on the destination; the message says where the VM is
            }
            throw new VIToolkitException("MigrationFailed", e.Kind, $"The offline move of VM '{vm.Name}' to '{destination.Name}' failed: {e.Message} It stays on '{source.Name}'.", e) { Target = vm, Libvirt = e.Libvirt };
        }
        task?.Report(90, $"Removing from '{source.Name}'");
        source.Invoke(native => { native.UndefineDomain(vm.Uuid); return true; });
        clock.Stop();
        var record = destination.Invoke(native => native.ReadDomain(vm.Uuid));
        return new VirtualMachine(record, destination, HostService.Deferred(destination))
        {
            Migration = new MigrationInfo(MigrationType.Offline, "define on destination, undefine on source (offline)", source.Name, destination.Name,
                started, clock.Elapsed, null, null, poweredOffForMove: running || paused),
        };
    }
}
