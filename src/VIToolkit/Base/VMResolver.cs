using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using VIToolkit.Core;
using VIToolkit.Core.Connections;
using VIToolkit.Core.Engine;
using VIToolkit.Core.Model;
using VIToolkit.Core.Services;

namespace VIToolkit.Base;

/// <summary>Which servers a command looks VM names up on.</summary>
internal enum VMNameScopeKind
{
    /// <summary>The servers given with -Server.</summary>
    Given,

    /// <summary>The default servers ($DefaultVIServers), as Get-VM.</summary>
    Default,

    /// <summary>Every connected server (a command without -Server, whose VMs may be anywhere).</summary>
    Connected,
}

/// <summary>Where VM names are looked up.</summary>
/// <param name="Servers">The connected servers searched, in the order names are reported.</param>
/// <param name="Elsewhere">The other connected servers: an exact name found only there gets an error that says where it is.</param>
internal sealed record VMNameScope(IReadOnlyList<VIServer> Servers, IReadOnlyList<VIServer> Elsewhere, VMNameScopeKind Kind)
{
    /// <summary>Every connected server of the session.</summary>
    internal static VMNameScope Connected(VISession session) =>
        new(session.Connections.Servers.Where(s => s.IsConnected).ToList(), Array.Empty<VIServer>(), VMNameScopeKind.Connected);
}

/// <summary>Resolves -VM arguments to VMs.</summary>
internal static class VMResolver
{
    /// <summary>
    /// Names are looked up with one <see cref="VMService.Query"/> for the whole batch (it filters names before it
    /// reads anything). The VMs come out in the order the arguments were given: an exact name gives its VM on each
    /// host that has it (in server order), a wildcard its matches (by host, then by name), an object itself. An exact
    /// name that matches nothing is a VMNotFound; a wildcard that matches nothing gives nothing.
    /// </summary>
    /// <param name="reread">
    /// Read the VMs given as objects again by UUID, each on its own host (the hosts in parallel): a VM removed since
    /// gives VMNotFound. Actions need not: each re-reads its VM right before acting.
    /// </param>
    internal static Resolution<VirtualMachine> Resolve(IReadOnlyList<VMArgument> arguments, VMNameScope scope, bool reread, CancellationToken cancellationToken)
    {
        var patterns = TargetArgument.Patterns(arguments);
        var result = new Resolution<VirtualMachine>();

        var names = patterns.OfType<NamePattern>().ToList();
        var byName = names.Count > 0 ? VMService.Query(scope.Servers, names, null, cancellationToken) : null;
        var fresh = reread ? Reread(arguments.Select(a => a.Value).OfType<VirtualMachine>().ToList(), cancellationToken) : null;
        // Hosts that could not be asked come first: the errors below depend on them.
        foreach (var error in (byName?.HostErrors ?? Array.Empty<VIToolkitException>()).Concat(fresh?.Values.SelectMany(r => r.HostErrors) ?? Array.Empty<VIToolkitException>()))
        {
            result.Fail(error);
        }
        var elsewhere = Elsewhere(names, byName, scope, cancellationToken);
        var hostOrder = byName is null ? null : scope.Servers.Select((server, index) => (server, index)).ToDictionary(p => p.server, p => p.index);

        for (int i = 0; i < arguments.Count; i++)
        {
            if (patterns[i] is not { } pattern)
            {
                var vm = (VirtualMachine)arguments[i].Value!;
                if (fresh is null)
                {
                    result.Add(vm);
                }
                else if (fresh[vm.Server].VMs.FirstOrDefault(f => f.Uuid == vm.Uuid) is { } current)
                {
                    result.Add(current);
                }
                else if (fresh[vm.Server].HostErrors.Count == 0)
                {
                    result.Fail(new ObjectNotFoundException("VMNotFound", $"VM '{vm.Name}' ({vm.Id}) no longer exists on host '{vm.VMHostName}'.", vm));
                }
                continue;
            }
            var matches = byName!.VMs.Where(vm => pattern.IsMatch(vm.Name)).ToList();
            if (pattern.IsWildcard)
            {
                result.AddRange(matches
                    .OrderBy(vm => hostOrder![vm.Server])
                    .ThenBy(vm => vm.Name, StringComparer.OrdinalIgnoreCase)
                    .ThenBy(vm => vm.Name, StringComparer.Ordinal));
            }
            else if (matches.Count > 0)
            {
                result.AddRange(matches);
            }
            else
            {
                result.Fail(NotFound(pattern.Literal!, scope, byName, elsewhere));
            }
        }
        return result;
    }

    /// <summary>The VMs given as objects, read again on their hosts by UUID: one query per host, the hosts in parallel.</summary>
    private static Dictionary<VIServer, VMQueryResult> Reread(IReadOnlyList<VirtualMachine> vms, CancellationToken cancellationToken)
    {
        var uuids = vms.GroupBy(vm => vm.Server).ToDictionary(g => g.Key, g => (IReadOnlyList<Guid>)g.Select(vm => vm.Uuid).Distinct().ToList());
        return ParallelHosts.Run(uuids.Keys.ToList(), server => VMService.Query(new[] { server }, null, uuids[server], cancellationToken), cancellationToken)
            .ToDictionary(r => r.Server, r => r.Value ?? throw r.Error!);
    }

    /// <summary>Where the exact names that matched nothing in the scope are instead (a second query, of those names only).</summary>
    private static IReadOnlyList<VirtualMachine> Elsewhere(IReadOnlyList<NamePattern> names, VMQueryResult? byName, VMNameScope scope, CancellationToken cancellationToken)
    {
        var unmatched = names.Where(n => !n.IsWildcard && byName!.UnmatchedNames.Contains(n.Literal!)).ToList();
        return unmatched.Count == 0 || scope.Elsewhere.Count == 0
            ? Array.Empty<VirtualMachine>()
            : VMService.Query(scope.Elsewhere, unmatched, null, cancellationToken).VMs;
    }

    private static ObjectNotFoundException NotFound(string name, VMNameScope scope, VMQueryResult byName, IReadOnlyList<VirtualMachine> elsewhere)
    {
        string target = Redaction.RedactUris(name);
        string shown = MessageText.Input(name);
        if (elsewhere.FirstOrDefault(vm => vm.Name == name) is { } other)
        {
            return new ObjectNotFoundException("VMNotFound", scope.Kind == VMNameScopeKind.Given
                ? $"VM '{shown}' is on host '{other.VMHostName}', which is not one of the servers given with -Server."
                : $"VM '{shown}' is on host '{other.VMHostName}', which is not a default server: name it with -Server.", target);
        }
        int answered = scope.Servers.Count - byName.HostErrors.Count;
        string unsearched = byName.HostErrors.Count == 0 ? string.Empty : $" ({byName.HostErrors.Count} could not be searched)";
        string where = scope.Kind switch
        {
            VMNameScopeKind.Given => "given with -Server",
            VMNameScopeKind.Default => "of the default servers",
            _ => "connected",
        };
        return new ObjectNotFoundException("VMNotFound", $"No VM named '{shown}' was found on the {answered} host(s) {where}{unsearched}.", target);
    }
}
