@{
    Synopsis    = 'Removes clusters from the VIToolkit inventory; their hosts and VMs are not touched.'
    Description = @'
Deletes each cluster from the inventory file ($env:VITOOLKIT_INVENTORY, else ~/.local/share/VIToolkit/inventory.json;
see New-Cluster): its name, settings and member list are forgotten. Nothing happens on the hosts: they stay
connected, their VMs keep running where they are, and the hosts can be put in another cluster at once
(New-Cluster -VMHost or Move-VMHost). A removed cluster cannot be brought back except by creating it again.

Clusters are given as objects (from Get-Cluster, also from the pipeline) or names; names match without regard to
case and may hold wildcards. An exact name that matches no cluster gives a non-terminating ClusterNotFound error; a
wildcard that matches nothing does nothing. Each cluster is removed in its own locked, atomic write of the inventory.

The impact is High: confirmation is asked for each cluster unless -Confirm:$false is given (-WhatIf shows what would
be removed). Errors are non-terminating and the other clusters go on: ClusterNotFound (also for a cluster object
whose cluster another session removed or renamed meanwhile) and the inventory errors (InventoryLocked,
InventoryCorrupt, InventoryAccessDenied…). Nothing is written to the output.
'@
    Parameters  = @{
        Cluster = 'The clusters to remove: Cluster objects (from Get-Cluster, also from the pipeline) or cluster names (wildcards allowed; matched without regard to case).'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Clusters.Cluster'; Description = 'Clusters to remove, from Get-Cluster.' }
        @{ Type = 'System.String'; Description = 'Names of clusters to remove (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'None'; Description = 'Nothing.' })
    Examples    = @(
        @{ Title = 'Remove a cluster without being asked'; Code = 'Remove-Cluster Prod -Confirm:$false'; Remarks = 'Forgets the cluster Prod. Its hosts stay connected and their VMs are not touched; Get-VMHost still lists them.' }
        @{ Title = 'See what a wildcard would remove'; Code = 'Remove-Cluster *-lab -WhatIf'; Remarks = 'Lists the clusters whose names end in -lab, without removing them.' }
        @{ Title = 'Remove empty clusters'; Code = 'Get-Cluster | Where-Object HostCount -eq 0 | Remove-Cluster'; Remarks = 'Asks, cluster by cluster, before removing each cluster that has no members.' }
        @{ Title = 'Regroup the hosts'; Code = @'
$old = Get-Cluster Prod
Remove-Cluster $old -Confirm:$false
New-Cluster -Name Prod2 -VMHost $old.VMHostNames
'@; Remarks = 'Removes Prod and creates Prod2 with the same hosts (named, so they must be connected), freshly with default settings.' }
    )
    Links       = @('Get-Cluster', 'New-Cluster', 'Set-Cluster', 'Move-VMHost')
    Notes       = @'
PowerCLI equivalences: in vCenter, removing a cluster also removes its hosts and their VMs from the inventory; here
only the cluster record is removed, and the hosts stay connected with their VMs. There is no -Server (the inventory is
local) and no -RunAsync (the change is immediate).
'@
}
