@{
    Synopsis    = 'Creates a cluster of libvirt hosts in the VIToolkit inventory, with its HA and DRS settings.'
    Description = @'
libvirt has no clusters, so VIToolkit keeps them itself, in an inventory file on the machine that runs PowerShell
(what vCenter's database is to PowerCLI). New-Cluster adds a cluster to it: a name, its member hosts and its HA and
DRS settings, and returns the cluster. Nothing is changed on the hosts.

The inventory is a JSON file: $env:VITOOLKIT_INVENTORY when that variable is set, otherwise
$XDG_DATA_HOME/VIToolkit/inventory.json, that is ~/.local/share/VIToolkit/inventory.json (the variable is read by
every command, so it can point different sessions at different estates). It is created, with its folder, by the first
change. Writers in several PowerShell sessions or processes take turns through an exclusive lock on a sibling file
(inventory.json.lock): a change waits up to 10 seconds for another one to finish, then fails with InventoryLocked.
Each change is written to a temporary file that is flushed to disk and renamed over the inventory, so a reader or a
crash sees the old or the new inventory, never half of one. A file that cannot be read (InventoryCorrupt,
InventoryUnreadable), that a newer VIToolkit wrote (InventoryVersionUnsupported) or that cannot be written
(InventoryAccessDenied) is reported and left as it is. The inventory holds no credentials: a member host is kept as
its name, its libvirt URI (without any password) and its Id.

Member hosts are given with -VMHost (objects or names of connected hosts, also from the pipeline); they are NOT
checked for compatibility here. To add hosts only when they match the cluster, create the cluster with one host (or
none) and add the others with Move-VMHost, which runs the Test-ClusterCompatibility checks first; or run
Test-ClusterCompatibility -VMHost before creating the cluster. A host given twice is added once. A cluster without
hosts is allowed.

Cluster names are unique without regard to case (Prod and PROD are the same cluster) and a host belongs to one
cluster at most. Errors (terminating, nothing is written): ClusterAlreadyExists, HostInAnotherCluster,
InvalidClusterName (empty, more than 80 characters, leading or trailing spaces, control characters or any of
* ? [ ] `), and the inventory errors above.

The HA and DRS settings are stored with the cluster and shown by Get-Cluster; they use PowerCLI's names and values.
This version of VIToolkit does not act on them yet: no host is watched and no VM is restarted or moved because of
them. They are kept for the HA and DRS features that will use them. Only -AllowMigrationOutOfCluster has an effect
today (on Test-VMMigration, and so on Move-VM). Defaults, much as for a new vSphere cluster: HA off, admission control on, failover level 1,
restart priority Medium, isolation response DoNothing, DRS off, automation level FullyAutomated, migration threshold
3, migration out of the cluster refused.

The cluster is created once all pipeline input has been received; -WhatIf and -Confirm name the cluster and its hosts.
'@
    Parameters  = @{
        Name                       = 'The name of the new cluster: 1 to 80 characters, without control characters, wildcards (* ? [ ] `) or leading or trailing spaces. Compared without regard to case with the names of existing clusters.'
        VMHost                     = @'
The member hosts: VMHost objects (from Get-VMHost), VIServer objects, or names of connected hosts (wildcards
allowed), also from the pipeline. Hosts must be connected (see Connect-VIServer) to be named here. They are added
without any compatibility check (use Move-VMHost for that). Optional: a cluster can be created empty.
'@
        HAEnabled                  = 'Turns HA on for the cluster (stored setting; see the description: not acted on yet). Default: off. -HAEnabled:$false states it explicitly.'
        HAAdmissionControlEnabled  = 'Admission control: whether the cluster should refuse to start VMs when it could no longer tolerate -HAFailoverLevel host failures (stored setting, not enforced yet). Default: on; -HAAdmissionControlEnabled:$false turns it off.'
        HAFailoverLevel            = 'The number of host failures the cluster must tolerate, 1 to 31 (stored setting, not enforced yet). Default: 1.'
        HARestartPriority          = 'The restart priority of the cluster''s VMs after a host failure: Disabled, Low, Medium or High (stored setting, not acted on yet). Default: Medium.'
        HAIsolationResponse        = 'What a host that loses its network should do with its VMs: DoNothing, PowerOff or Shutdown (stored setting, not acted on yet). Default: DoNothing.'
        DrsEnabled                 = 'Turns DRS (automatic balancing of VMs across the members) on for the cluster (stored setting; see the description: not acted on yet). Default: off.'
        DrsAutomationLevel         = 'How far DRS may act on its own: Manual (recommendations only), PartiallyAutomated (initial placement) or FullyAutomated (placement and balancing moves). Stored setting, not acted on yet. Default: FullyAutomated.'
        DrsMigrationThreshold      = 'How eagerly DRS would balance, 1 (conservative, only mandatory moves) to 5 (aggressive), as in vSphere. Stored setting, not acted on yet. Default: 3.'
        AllowMigrationOutOfCluster = @'
Lets the cluster's VMs move to hosts outside it. By default a VM moves only between members of one cluster, and
Test-VMMigration reports a move to a host outside the cluster as a NotSameCluster error; with this setting it is a
warning instead. Default: off.
'@
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VMHost'; Description = 'Member hosts, e.g. from Get-VMHost.' }
        @{ Type = 'System.String'; Description = 'Names of member hosts (connected hosts; wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Clusters.Cluster'; Description = @'
The new cluster: Name, Id, the HA and DRS settings, AllowMigrationOutOfCluster, VMHostNames, VMHostUris,
MaintenanceHosts, HostCount and ConnectedHostCount, the live totals of the connected members (VMCount, NumCpu,
CpuTotalMhz, MemoryTotalGB, MemoryUsageGB), Revision, Created, Modified (UTC) and Servers (the connected members).
'@ })
    Examples    = @(
        @{ Title = 'A three-host cluster with HA and manual DRS'; Code = 'New-Cluster -Name Prod -VMHost esx01, esx02, esx03 -HAEnabled -DrsEnabled -DrsAutomationLevel Manual'; Remarks = 'Creates the cluster Prod with three members. HA and DRS are recorded as enabled, with DRS in Manual mode; the other settings keep their defaults.' }
        @{ Title = 'Check first, then create'; Code = @'
$hosts = Get-VMHost esx0[1-3]
$failed = Test-ClusterCompatibility -VMHost $hosts | Where-Object Result -eq Failed
if ($failed) { $failed | Format-Table VMHost, Code, Message -Wrap } else { $hosts | New-Cluster -Name Prod }
'@; Remarks = 'Runs the compatibility checks on the three hosts and creates the cluster only when none fails. New-Cluster itself does not check its hosts.' }
        @{ Title = 'Start small and add hosts with checks'; Code = @'
New-Cluster -Name Dev -VMHost kvm01
Get-VMHost kvm0[2-6] | Move-VMHost -Destination Dev
'@; Remarks = 'Creates Dev with one host, then adds the others through Move-VMHost, which refuses every host that fails a check against the members already there.' }
        @{ Title = 'Preview'; Code = 'New-Cluster -Name Test -VMHost kvm* -WhatIf'; Remarks = 'Shows the cluster that would be created and the hosts the wildcard matches, without writing the inventory.' }
        @{ Title = 'A separate inventory'; Code = @'
$env:VITOOLKIT_INVENTORY = '/srv/lab/inventory.json'
New-Cluster -Name Lab -VMHost (New-VILab -HostCount 3)
'@; Remarks = 'Keeps the clusters of a simulated lab in their own file instead of ~/.local/share/VIToolkit/inventory.json.' }
    )
    Links       = @('Get-Cluster', 'Set-Cluster', 'Remove-Cluster', 'Move-VMHost', 'Test-ClusterCompatibility', 'Connect-VIServer')
    Notes       = @'
PowerCLI equivalences: PowerCLI's New-Cluster creates the cluster in vCenter, in a datacenter or folder (-Location);
here there is no vCenter, no datacenter and no -Location: the cluster lives in the local inventory file, and every
machine or user with another inventory file sees other clusters. -HAEnabled, -HAAdmissionControlEnabled,
-HAFailoverLevel, -HARestartPriority, -HAIsolationResponse, -DrsEnabled and -DrsAutomationLevel have PowerCLI's
names and values, but are only stored for now: vSphere acts on them at once, VIToolkit will in later versions.
-VMHost (PowerCLI adds hosts with Move-VMHost or Add-VMHost), -DrsMigrationThreshold and -AllowMigrationOutOfCluster
are VIToolkit's. There are no EVC, vSAN or swap-file parameters.
'@
}
