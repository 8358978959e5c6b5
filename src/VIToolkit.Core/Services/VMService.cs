using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Interop;
using VIToolkit.Core.Model;

namespace VIToolkit.Core.Services;

/// <summary>What a VM query found: the VMs, in a stable order, and what could not be answered.</summary>
public sealed class VMQueryResult
{
    internal VMQueryResult(IReadOnlyList<VirtualMachine> vms, IReadOnlyList<VIToolkitException> hostErrors,
        IReadOnlyList<string> unmatchedNames, IReadOnlyList<Guid> unmatchedIds)
    {
        VMs = vms;
        HostErrors = hostErrors;
        UnmatchedNames = unmatchedNames;
        UnmatchedIds = unmatchedIds;
    }

    public IReadOnlyList<VirtualMachine> VMs { get; }

    /// <summary>One error per host that could not be asked (other hosts' VMs are still in <see cref="VMs"/>).</summary>
    public IReadOnlyList<VIToolkitException> HostErrors { get; }

    /// <summary>Exact names that matched nothing on any host that answered.</summary>
    public IReadOnlyList<string> UnmatchedNames { get; }

    public IReadOnlyList<Guid> UnmatchedIds { get; }
}

/// <summary>Reads VMs across hosts.</summary>
public static class VMService
{
    /// <summary>
    /// Finds VMs on <paramref name="servers"/>. Exact names and ids cost one libvirt lookup each per host; wildcards
    /// (or no filter) cost one bulk listing per host. Hosts are asked in parallel. Output: hosts in the given order,
    /// within a host exact names in the given order, then wildcard matches by name.
    /// </summary>
    public static VMQueryResult Query(IReadOnlyList<VIServer> servers, IReadOnlyList<NamePattern>? names,
        IReadOnlyList<Guid>? ids, CancellationToken cancellationToken)
    {
        names ??= Array.Empty<NamePattern>();
        ids ??= Array.Empty<Guid>();
        var exact = names.Where(n => !n.IsWildcard).Select(n => n.Literal!).Distinct(StringComparer.Ordinal).ToList();
        var wildcards = names.Where(n => n.IsWildcard).ToList();
        bool listAll = names.Count == 0 && ids.Count == 0;

        var perHost = ParallelHosts.Run(servers, server => server.Invoke(native =>
        {
            var host = HostService.Deferred(server);
            var found = new List<VirtualMachine>();
            var seen = new HashSet<Guid>();
            void Add(in DomainRecord record)
            {
                if (seen.Add(record.Uuid))
                {
                    found.Add(new VirtualMachine(record, server, host));
                }
            }

            foreach (string name in exact)
            {
                if (native.FindDomainByName(name) is DomainRecord byName)
                {
                    Add(byName);
                }
            }
            foreach (var id in ids)
            {
                if (native.FindDomainByUuid(id) is DomainRecord byId)
                {
                    Add(byId);
                }
            }
            if (listAll || wildcards.Count > 0)
            {
                // Names are filtered before anything else is read: a wildcard costs the round trips of its matches only.
                var listed = native.ListDomains(listAll ? null : name => wildcards.Any(w => w.IsMatch(name)), withDescriptions: true);
                listed.Sort(static (a, b) => CompareNames(a.Name, b.Name));
                foreach (var record in listed)
                {
                    Add(record);
                }
            }
            return found;
        }), cancellationToken);

        var vms = new List<VirtualMachine>();
        var errors = new List<VIToolkitException>();
        foreach (var result in perHost)
        {
            if (result.Error is not null)
            {
                errors.Add(result.Error);
            }
            else
            {
                vms.AddRange(result.Value!);
            }
        }
        var unmatchedNames = exact.Where(n => !vms.Any(vm => string.Equals(vm.Name, n, StringComparison.Ordinal))).ToList();
        var unmatchedIds = ids.Where(id => !vms.Any(vm => vm.Uuid == id)).Distinct().ToList();
        return new VMQueryResult(vms, errors, unmatchedNames, unmatchedIds);
    }

    /// <summary>Re-reads one VM by UUID on its host; null when it is gone.</summary>
    public static VirtualMachine? Refresh(VirtualMachine vm) =>
        vm.Server.Invoke(native => native.FindDomainByUuid(vm.Uuid) is DomainRecord record
            ? new VirtualMachine(record, vm.Server, HostService.Deferred(vm.Server))
            : null);

    /// <summary>
    /// Where a VM is now when its own host no longer has it (moved by Move-VM, an evacuation, HA): the same UUID on the
    /// other connected hosts of its session, a running copy first; null when none has it. PowerCLI objects survive
    /// vMotion; ours survive a move the same way.
    /// </summary>
    public static VirtualMachine? Relocate(VirtualMachine vm)
    {
        var others = (vm.Server.Session?.Connections.Servers ?? Array.Empty<VIServer>())
            .Where(s => !ReferenceEquals(s, vm.Server) && s.Uri != vm.Server.Uri && s.IsConnected).ToList();
        var found = ParallelHosts.Run(others, server => server.Invoke(native => native.FindDomainByUuid(vm.Uuid)), CancellationToken.None);
        return found.Where(r => r.Value is not null)
            .OrderByDescending(r => r.Value!.Value.State.IsActive())
            .Select(r => new VirtualMachine(r.Value!.Value, r.Server, HostService.Deferred(r.Server)))
            .FirstOrDefault();
    }

    /// <summary>Name order used everywhere: case-insensitive, then ordinal so that it is total.</summary>
    internal static int CompareNames(string a, string b)
    {
        int c = string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
        return c != 0 ? c : string.CompareOrdinal(a, b);
    }
}
