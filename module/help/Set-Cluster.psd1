@{
    Synopsis    = 'Changes the HA and DRS settings of clusters in the VIToolkit inventory, or renames a cluster.'
    Description = @'
Changes the settings given, and only those, of each cluster, and returns the cluster as it is afterwards. A setting
that is not given keeps its value; switches can be turned off explicitly, e.g. -HAEnabled:$false. -Name renames the
cluster. Members are not changed here: use Move-VMHost.

Each cluster is changed in one locked, atomic write of the inventory file ($env:VITOOLKIT_INVENTORY, else
~/.local/share/VIToolkit/inventory.json; see New-Cluster), so changes made at the same time from other sessions are
not lost; the cluster's Revision goes up by one and Modified is set. Nothing is changed on the hosts.

As with New-Cluster, the HA and DRS settings are stored for the HA and DRS features of later versions: this version
does not act on them (no failover, no balancing). -AllowMigrationOutOfCluster takes effect at once in
Test-VMMigration.

Clusters are given as objects (from Get-Cluster, also from the pipeline) or names; names match without regard to
case and may hold wildcards. An exact name that matches no cluster is a non-terminating ClusterNotFound ("No cluster
named 'x' is in the inventory", target = the name) and the other clusters are still changed; a wildcard that matches
nothing changes nothing, without an error. A cluster object is read again by its Id before it is changed: one that was
removed since gives ClusterNotFound (target = the object). Out-of-range values are refused at parameter binding.

Confirmation (-WhatIf, -Confirm) is asked for each cluster. Errors for one cluster are non-terminating and the other
clusters go on: ClusterNotFound (the cluster was removed or renamed meanwhile, e.g. by another session, after it was
read), ClusterAlreadyExists (-Name is taken by another cluster, compared without regard to case), InvalidClusterName,
and the inventory errors (InventoryLocked, InventoryCorrupt, InventoryAccessDenied…).
'@
    Parameters  = @{
        Cluster                    = 'The clusters to change: Cluster objects (from Get-Cluster, also from the pipeline) or cluster names (wildcards allowed; matched without regard to case).'
        Name                       = @'
A new name for the cluster: 1 to 80 characters, without control characters, wildcards (* ? [ ] `) or leading or
trailing spaces. Changing only the case (prod to Prod) is allowed. Give it with one cluster only: a second cluster
would need the same name and fails with ClusterAlreadyExists.
'@
        HAEnabled                  = 'Turns HA on, or off with -HAEnabled:$false (stored setting, not acted on yet).'
        HAAdmissionControlEnabled  = 'Turns admission control on, or off with -HAAdmissionControlEnabled:$false (stored setting, not enforced yet).'
        HAFailoverLevel            = 'The number of host failures the cluster must tolerate, 1 to 31 (stored setting, not enforced yet).'
        HARestartPriority          = 'The restart priority of the cluster''s VMs after a host failure: Disabled, Low, Medium or High (stored setting).'
        HAIsolationResponse        = 'What a host that loses its network should do with its VMs: DoNothing, PowerOff or Shutdown (stored setting).'
        DrsEnabled                 = 'Turns DRS on, or off with -DrsEnabled:$false (stored setting, not acted on yet).'
        DrsAutomationLevel         = 'Manual, PartiallyAutomated or FullyAutomated (stored setting, not acted on yet).'
        DrsMigrationThreshold      = 'How eagerly DRS would balance, 1 (conservative) to 5 (aggressive), as in vSphere (stored setting).'
        AllowMigrationOutOfCluster = @'
Lets the cluster's VMs move to hosts outside it (-AllowMigrationOutOfCluster:$false forbids it again, the default).
Test-VMMigration then reports a move out of the cluster as a NotSameCluster warning instead of an error. It does not
open the cluster to VMs coming from elsewhere: that depends on the source host's cluster.
'@
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Clusters.Cluster'; Description = 'Clusters to change, from Get-Cluster.' }
        @{ Type = 'System.String'; Description = 'Names of clusters to change (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Clusters.Cluster'; Description = 'Each cluster as it is after the change, with the live totals of its connected members (see Get-Cluster).' })
    Examples    = @(
        @{ Title = 'Tolerate one host failure and let DRS balance'; Code = 'Set-Cluster Prod -HAFailoverLevel 1 -DrsAutomationLevel FullyAutomated'; Remarks = 'Records both settings for Prod; the other settings keep their values. Medium impact: no confirmation is asked unless $ConfirmPreference is lowered or -Confirm is given.' }
        @{ Title = 'Turn HA off everywhere'; Code = 'Get-Cluster | Set-Cluster -HAEnabled:$false -Confirm:$false'; Remarks = 'Clears the HA setting of every cluster without asking.' }
        @{ Title = 'Rename a cluster'; Code = 'Set-Cluster Test -Name Staging'; Remarks = 'Renames the cluster; its Id, members and settings stay. Scripts that name the old cluster must be updated.' }
        @{ Title = 'Allow VMs to leave a cluster'; Code = @'
Set-Cluster Dev -AllowMigrationOutOfCluster
Get-VM build01 | Test-VMMigration -Destination esx07
'@; Remarks = 'After the change, a move of a VM of Dev to a host outside Dev is reported as a NotSameCluster warning, no longer an error.' }
        @{ Title = 'Preview'; Code = 'Set-Cluster *-lab -DrsEnabled -WhatIf'; Remarks = 'Shows which clusters the wildcard matches and would be changed, without writing the inventory.' }
    )
    Links       = @('Get-Cluster', 'New-Cluster', 'Remove-Cluster', 'Move-VMHost', 'Test-VMMigration')
    Notes       = @'
PowerCLI equivalences: the HA and DRS parameters have PowerCLI's names and values, but vSphere applies them at once
while VIToolkit only stores them for now. -Name renames, as in PowerCLI. -DrsMigrationThreshold and
-AllowMigrationOutOfCluster are VIToolkit's; there are no EVC, vSAN or swap-file parameters, and no -Server (the
inventory is local). An unknown cluster name is a non-terminating ClusterNotFound, as PowerCLI's object-not-found error.
'@
}
