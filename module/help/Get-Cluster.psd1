@{
    Synopsis    = 'Gets clusters from the VIToolkit inventory, with the live totals of their connected member hosts.'
    Description = @'
Reads the clusters from the inventory file ($env:VITOOLKIT_INVENTORY, else ~/.local/share/VIToolkit/inventory.json;
see New-Cluster) and returns them in name order. Reading takes no lock: changes are written atomically, so a read
always sees a whole inventory. An inventory that does not exist yet holds no clusters; one that cannot be read stops
the command with InventoryCorrupt, InventoryUnreadable, InventoryVersionUnsupported or InventoryAccessDenied.

Cluster names match without regard to case, exact names as well as names with wildcards (*, ?, [a-z]). An exact
name that is not in the inventory gives a non-terminating ClusterNotFound error; a wildcard that matches nothing
gives nothing.

The settings and the member list come from the inventory. The figures (VMCount, NumCpu, CpuTotalMhz, MemoryTotalGB,
MemoryUsageGB) are read live from the members that are connected in this session, in parallel, and cover only those:
compare ConnectedHostCount with HostCount (the Hosts column shows them as 2/3). Members that are not connected are
still listed in VMHostNames and VMHostUris; Connect-VIServer -Cluster connects them by their stored URIs.

With -VMHost, only the clusters that these hosts belong to are returned (a host is in one cluster at most).

Pipe a cluster to Get-VMHost (its -Location) or name it in Get-VM -VMHost to work with its members.
'@
    Parameters  = @{
        Name   = 'Names of the clusters. Wildcards are allowed; exact names and wildcards both match without regard to case. Default: every cluster.'
        VMHost = @'
Only the clusters these hosts are members of: VMHost objects (also from the pipeline), VIServer objects, or names of
connected hosts (wildcards allowed). Membership is decided by the host's URI. A host that is in no cluster adds
nothing.
'@
    }
    Inputs      = @(@{ Type = 'VIToolkit.Core.Model.VMHost'; Description = 'Hosts whose cluster to get.' })
    Outputs     = @(@{ Type = 'VIToolkit.Core.Clusters.Cluster'; Description = @'
A snapshot of each cluster: Name, Id, HAEnabled, HAAdmissionControlEnabled, HAFailoverLevel, HARestartPriority,
HAIsolationResponse, DrsEnabled, DrsAutomationLevel, DrsMigrationThreshold, AllowMigrationOutOfCluster, VMHostNames,
VMHostUris (never with a password), MaintenanceHosts, HostCount, ConnectedHostCount, VMCount, NumCpu, CpuTotalMhz,
MemoryTotalGB, MemoryUsageGB (connected members only), Revision (counts the cluster's changes), Created and Modified
(UTC), Servers (the VIServer objects of the connected members).
'@ })
    Examples    = @(
        @{ Title = 'All clusters'; Code = 'Get-Cluster'; Remarks = 'Lists every cluster of the inventory with its HA and DRS state, connected/total hosts, VMs and memory.' }
        @{ Title = 'The hosts and VMs of a cluster'; Code = @'
Get-Cluster Prod | Get-VMHost
Get-Cluster Prod | Get-VMHost | Get-VM | Where-Object PowerState -eq PoweredOn
'@; Remarks = 'Gets the connected member hosts of Prod (with a warning naming how many members are not connected), then their running VMs.' }
        @{ Title = 'Which cluster is this host in?'; Code = 'Get-Cluster -VMHost esx04'; Remarks = 'Returns the cluster esx04 belongs to, or nothing when it is in none.' }
        @{ Title = 'Settings of every cluster'; Code = 'Get-Cluster | Format-Table Name, HAEnabled, HAFailoverLevel, DrsEnabled, DrsAutomationLevel, AllowMigrationOutOfCluster'; Remarks = 'Shows the stored HA and DRS settings side by side.' }
        @{ Title = 'Reconnect a cluster''s hosts'; Code = @'
Connect-VIServer -Cluster (Get-Cluster Prod)
Get-Cluster Prod | Format-List Name, HostCount, ConnectedHostCount, VMHostNames
'@; Remarks = 'In a new session, connects every member by the URI the inventory keeps (no credentials are stored: add -Credential where a host asks for one), then checks that all are connected.' }
    )
    Links       = @('New-Cluster', 'Set-Cluster', 'Remove-Cluster', 'Move-VMHost', 'Get-VMHost', 'Connect-VIServer')
    Notes       = @'
PowerCLI equivalences: PowerCLI reads clusters from vCenter; here they come from the local inventory file, and the
live figures only from members connected in this session. There are no -Location, -Id, -NoRecursion, -Tag or
-Server parameters; -VMHost works as in PowerCLI. The VMs of a cluster are reached through its hosts
(Get-Cluster Prod | Get-VMHost | Get-VM), or with Get-VM -VMHost Prod: where a host name is expected, the name of a
cluster that no connected host bears stands for its connected members.

When several hosts of one cluster are piped into Get-Cluster, the cluster is currently returned once per host; add
Sort-Object Name -Unique to get each cluster once.
'@
}
