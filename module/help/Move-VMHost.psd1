@{
    Synopsis    = 'Adds hosts to a cluster after checking they are compatible with its members, or takes them out of their cluster.'
    Description = @'
With -Destination, each host is added to the cluster, in the inventory file ($env:VITOOLKIT_INVENTORY, else
~/.local/share/VIToolkit/inventory.json; see New-Cluster), once it has passed the cluster's compatibility checks.
Move-VMHost runs every check of Test-ClusterCompatibility (Storage, Network, Cpu, Hypervisor) on the host together
with the cluster's connected members, and keeps the failures of the host being added:

- none: the host is added and the cluster is returned. Warnings (for example local datastores, or hypervisor versions
  that differ) do not stop it.

- some, without -Force: the host is not added. The failing checks (CompatibilityResult objects, the same as
  Test-ClusterCompatibility writes) are written to the output, followed by a non-terminating HostIncompatible error
  that names their codes, e.g. "Host 'esx04' is not compatible with cluster 'Prod' (1 failed check(s):
  NetworkNameNearMiss)". Fix what they name (for a near-miss network name, Rename-VirtualNetwork) and try again.

- some, with -Force: the host is added anyway; each failure becomes a warning ("Added despite: <code>: <message>").

A host that cannot be surveyed fails its checks with HostUnreachable and is therefore refused unless -Force is given.
Members that are not connected are left out of the comparison. When the cluster has no other connected member (a new
or empty cluster), there is nothing to compare with and the host is added without checks. A host that is already a
member is left as it is and the cluster returned (the checks still run first). A host that belongs to another cluster
is refused with HostInAnotherCluster: take it out first with -NoCluster.

With -NoCluster, each host is taken out of the cluster it belongs to: only the inventory changes; the host stays
connected and its VMs are not touched. Nothing is output; a host that is in no cluster gives a warning ("Host 'esx04'
is in no cluster.").

Hosts are given as objects or names of connected hosts, also from the pipeline, and are handled one after the other;
each change is one locked, atomic write of the inventory. Confirmation (-WhatIf, -Confirm) is asked per host before
the checks run. Errors are non-terminating and the other hosts go on: HostIncompatible, HostInAnotherCluster,
ClusterNotFound (the cluster was removed meanwhile), and the inventory errors (InventoryLocked, InventoryCorrupt,
InventoryAccessDenied…). A host name that matches no connected host is a non-terminating VMHostNotFound and the other
hosts go on. -Destination must name exactly one cluster: a name that matches none stops the command before anything
is done with ClusterNotFound ("No cluster named 'x' is in the inventory"), a wildcard that matches several with
AmbiguousCluster (category InvalidArgument).
'@
    Parameters  = @{
        VMHost      = @'
The hosts to move: VMHost objects (from Get-VMHost, also from the pipeline), VIServer objects, or names of connected
hosts (wildcards allowed). A host must be connected to be named; to take a member that can no longer be connected
out of a cluster, remove and re-create the cluster. A name that no connected host has is a VMHostNotFound (one that
is a cluster's name says so: name its hosts, e.g. Get-Cluster Prod | Get-VMHost | Move-VMHost -NoCluster).
'@
        Destination = 'The cluster to add the hosts to: a Cluster object (from Get-Cluster) or a cluster name (matched without regard to case; a wildcard must match exactly one cluster).'
        NoCluster   = 'Takes the hosts out of the cluster they belong to instead (their connections and VMs are not touched). Not with -Destination.'
        Force       = @'
Adds the hosts even when compatibility checks fail; each failure is written as a warning. VMs may then be unable to
move between this host and the other members (Test-VMMigration says why). Does not override HostInAnotherCluster.
'@
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VMHost'; Description = 'Hosts to move, e.g. from Get-VMHost.' }
        @{ Type = 'System.String'; Description = 'Names of connected hosts to move (wildcards allowed).' }
    )
    Outputs     = @(
        @{ Type = 'VIToolkit.Core.Clusters.Cluster'; Description = 'For each host added (or already a member), the destination cluster as it is afterwards. Nothing with -NoCluster.' }
        @{ Type = 'VIToolkit.Core.Compatibility.CompatibilityResult'; Description = 'For each host refused without -Force, the checks it failed (VMHost, Category, Check, Result, Code, Message, Source), before its HostIncompatible error.' }
    )
    Examples    = @(
        @{ Title = 'Add a host to a cluster'; Code = 'Move-VMHost esx04 -Destination Prod'; Remarks = @'
Checks esx04 against the connected members of Prod. If, for instance, esx04 names its network Private_172.17 where
the members have Priv172.17, the NetworkNameNearMiss result is shown and a HostIncompatible error refuses the host;
otherwise esx04 is added and Prod returned.
'@ }
        @{ Title = 'Fix the near-miss, then add'; Code = @'
Get-VirtualNetwork Private_172.17 -VMHost esx04 | Rename-VirtualNetwork -NewName Priv172.17 -Confirm:$false
Move-VMHost esx04 -Destination Prod
'@; Remarks = 'Renames the odd network on esx04 (see Rename-VirtualNetwork about the VMs that use it) and adds the host, now that its checks pass.' }
        @{ Title = 'Add despite failures'; Code = 'Move-VMHost esx04 -Destination Prod -Force'; Remarks = 'Adds esx04 whatever the checks say; every failed check is written as a warning.' }
        @{ Title = 'Take a host out of its cluster'; Code = 'Move-VMHost esx04 -NoCluster'; Remarks = 'Removes esx04 from its cluster in the inventory; the host stays connected and its VMs keep running.' }
        @{ Title = 'Add several hosts and keep the failures'; Code = @'
$failed = Get-VMHost kvm1* | Move-VMHost -Destination Prod -ErrorAction SilentlyContinue |
    Where-Object { $_ -is [VIToolkit.Core.Compatibility.CompatibilityResult] }
$failed | Group-Object VMHost | Format-Table Name, Count
'@; Remarks = 'Adds the kvm1* hosts that pass their checks and collects the failed checks of the others, to review later.' }
    )
    Links       = @('Test-ClusterCompatibility', 'Rename-VirtualNetwork', 'New-Cluster', 'Get-Cluster', 'Remove-Cluster', 'Test-VMMigration')
    Notes       = @'
PowerCLI equivalences: PowerCLI's Move-VMHost moves a host into a cluster, datacenter or folder of vCenter; here
-Destination is a cluster of the local inventory only, and -NoCluster takes the place of moving a host out to a
datacenter or folder. vCenter does not check a host's storage and networks when it joins a cluster; VIToolkit does,
and refuses an incompatible host unless -Force is given. No maintenance mode is needed and the host's VMs are not
touched. There is no -Server and no -RunAsync.
'@
}
