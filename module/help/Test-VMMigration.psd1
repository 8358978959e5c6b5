@{
    Synopsis    = 'Tells whether VMs could move to a host, or to the hosts of a cluster, and if not, why not.'
    Description = @'
For each VM and each destination host, reads the VM afresh from its host and the destination's networks, datastores,
CPU and memory, and returns a report: Compatible is True when no issue is an Error, and Issues lists every reason,
each with a Severity (Error or Warning), a Code and a Message. Nothing is moved or changed.

The destination is one host, or a cluster: then every connected member of the cluster that is not in maintenance mode
and is not the VM's own host is tested, one report each. A name given to -Destination is looked up first among the
connected hosts, then among the clusters of the inventory.

What is checked, with the issue codes (Errors unless marked):

- The destination: SameHost (the VM already runs there), DestinationUnreachable (not connected or not answering),
  DestinationInMaintenance (the destination is marked in maintenance in its cluster: Set-VMHost -State Maintenance).

- Networks: each libvirt network the VM's NICs use must exist on the destination under the same name:
  NetworkMissing, or NetworkNameNearMiss when the destination has a near-miss spelling of it (Priv172.17 vs
  Private_172.17; see Rename-VirtualNetwork).

- Storage: each disk must sit on a shared datastore of the source that the destination mounts under the same name
  from the same source: DiskOnLocalStorage, DiskNotOnDatastore (the disk is in no storage pool), DatastoreNotShared.

- CPU: the destination must be able to run the source host's CPU model (libvirt's hypervisor CPU comparison):
  CpuIncompatible; where a driver cannot compare CPUs, the declared fallback compares model name and architecture:
  CpuModelMismatch. The CpuMethod property says which method was used.

- Capacity: InsufficientMemory (the VM's memory exceeds the destination's free memory), InsufficientCpu (more vCPUs
  than the destination has logical CPUs).

- Hypervisor: DriverMismatch, DestinationOlder (Warning: an older hypervisor version may refuse the VM),
  DuplicateHostUuid (the two hosts share a host UUID).

- Cluster rule: a VM moves only between members of one cluster. When the two hosts are in different clusters, or one
  is in a cluster and the other in none, the move is a NotSameCluster Error, unless the source host's cluster allows
  it (Set-Cluster -AllowMigrationOutOfCluster), which makes it a Warning. Between two hosts in no cluster there is no
  such rule.

The checks are the same whatever the VM's power state: a powered-off VM is judged as if it were running.

VMs are given as objects or names, as for the other VM commands; they are tested in parallel, at most -ThrottleLimit
at a time, and reports come out in input order (for a cluster, in member order for each VM). A destination that is
neither a connected host nor a cluster with connected members stops the command with DestinationNotFound. A VM that
cannot be tested gives one non-terminating error and the others go on: VMNotFound (no such name, or the VM no longer
exists), HostUnreachable (its host does not answer).
'@
    Parameters  = @{
        VM            = @'
The VMs to test: VirtualMachine objects (from Get-VM), or names. Names with wildcards (*, ?, [a-z]) match
case-insensitively; exact names are case-sensitive, as libvirt's. Names are looked up on the default servers, or on
the servers given with -Server; an exact name that matches no VM is a VMNotFound error. Accepts VMs and names from
the pipeline. A VM given twice is tested once.
'@
        Destination   = @'
Where the VMs would go: a VMHost object (from Get-VMHost), a VIServer object, a Cluster object (from Get-Cluster), or
the name of a connected host or of a cluster (host names are tried first; both without regard to case). With a
cluster, each connected member not in maintenance mode, other than the VM's own host, is tested.
'@
        Server        = 'Only test VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers, named or piped, are skipped.'
        ThrottleLimit = 'At most this many VMs are tested at the same time, 1 to 256. Default: 16. Output stays in input order whatever the value.'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs to test, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs to test (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Compatibility.VMMigrationReport'; Description = @'
One per VM and destination host: VM (the VM as read now), VMName, Source and Destination (host names), Compatible,
Issues (MigrationIssue objects: Severity, Code, Message, Source, where Source names what was compared) and CpuMethod
(HypervisorCompare, the declared ModelName fallback, or NotChecked when the test stopped early).
'@ })
    Examples    = @(
        @{ Title = 'Can db01 move to esx03?'; Code = 'Test-VMMigration -VM db01 -Destination esx03'; Remarks = 'One report: Compatible True, or False with the codes of the issues in the Issues column.' }
        @{ Title = 'Read the reasons'; Code = 'Test-VMMigration db01 esx04 | Select-Object -ExpandProperty Issues | Format-Table Severity, Code, Message -Wrap'; Remarks = 'Shows each issue in full, e.g. NetworkNameNearMiss: "Network ''Priv172.17'' that the VM uses does not exist on ''esx04'', which has ''Private_172.17'' instead".' }
        @{ Title = 'Where in the cluster could a VM go?'; Code = 'Test-VMMigration -VM db01 -Destination Prod | Where-Object Compatible'; Remarks = 'Tests db01 against every other connected member of Prod that is not in maintenance, and keeps the hosts it could move to.' }
        @{ Title = 'Can a host be emptied?'; Code = @'
Get-VMHost esx02 | Get-VM | Test-VMMigration -Destination (Get-Cluster Prod) |
    Group-Object VMName | Where-Object { -not ($_.Group.Compatible -contains $true) } | Select-Object Name
'@; Remarks = 'Lists the VMs of esx02 that could move to no other member of Prod, before maintenance on esx02.' }
    )
    Links       = @('Move-VM', 'Test-ClusterCompatibility', 'Get-VM', 'Get-Cluster', 'Set-Cluster', 'Rename-VirtualNetwork')
    Notes       = @'
PowerCLI equivalences: PowerCLI has no such command; vCenter runs its checks when Move-VM starts a vMotion. The
command follows Hyper-V's Compare-VM: a report per VM and destination listing the incompatibilities. VIToolkit's
Move-VM runs these checks before each move (unless -SkipCompatibilityCheck is given) and refuses with
MigrationIncompatible, whose exception carries this report; Set-VMHost -Evacuate and Move-VM to a cluster use them
to choose hosts. The rule that a VM stays within its cluster is VIToolkit's own (vSphere can vMotion a VM between clusters): relax it per cluster with
Set-Cluster -AllowMigrationOutOfCluster.
'@
}
