@{
    Synopsis    = 'Checks that hosts are set up alike (storage, networks, CPU, hypervisor) so that VMs can move between them.'
    Description = @'
Surveys each host (its state, libvirt networks, storage pools and, for the Cpu checks, the CPU model the hypervisor
offers guests) and compares the hosts with one another. It returns one result per check and host, readable as a table
and scriptable by its Code; it changes nothing. The hosts are the members of a cluster (-Cluster), or any connected
hosts (-VMHost), clustered or not. -List shows the checks instead of running them.

The checks, by category (-Include and -Exclude choose categories; default: all four):

Storage / SharedDatastores: every shared datastore (a network storage pool: netfs/NFS, iSCSI, RBD/Ceph,
Gluster…) found on any host must exist on every host under the same name and with the same backing source (the
source most hosts use counts as right). Codes: SharedDatastoresPresent (Passed), DatastoreMissing,
DatastoreSourceMismatch (Failed).

Storage / LocalDatastores: each local datastore (any other pool: a directory, an LVM volume group, a disk…) is
flagged, because VMs with disks on it cannot move. Code: LocalDatastore (Warning).

Network / Networks: every libvirt network found on any host must exist on every host under the same name with the
same subnet (the subnet most hosts use counts as right). When a host lacks a network but has one with a near-miss
name (the same letters and digits but for case or punctuation; one name abbreviating the other with the same
numbers, such as Priv172.17 and Private_172.17; or a letter or two apart), the result names both; the host with the
less common spelling is the one reported. Codes:
NetworksMatch (Passed), SubnetMismatch, NetworkNameNearMiss, NetworkMissing (Failed).

Cpu / CpuCompatibility: libvirt computes the baseline CPU of the hosts (virConnectBaselineHypervisorCPU) and each host
must be able to run it (virConnectCompareHypervisorCPU). Where a driver cannot compare CPUs (the test driver of
simulated hosts), the declared fallback compares CPU vendor, model name and architecture against those most hosts
have; the Message says which method was used. Codes: CpuCompatible, CpuModelMatches (Passed), CpuIncompatible,
CpuBaselineFailed, CpuModelMismatch (Failed).

Hypervisor / Driver: all hosts run the same driver (QEMU, TEST…): SameDriver or DriverMismatch (Failed).
Hypervisor / Version: versions are reported; differences are a Warning (VersionMismatch), as VMs may not move from a
newer to an older host; otherwise SameVersion. Hypervisor / HostUuid: no two hosts may share a host UUID (libvirt
refuses to migrate between them; set host_uuid in libvirtd.conf): UniqueHostUuid, DuplicateHostUuid (Failed), or
NoHostUuid (NotApplicable) where the driver reports none.

Hosts are surveyed in parallel, at most -ThrottleLimit at a time. A host that cannot be surveyed (it does not answer,
or is not Connected) gets one Failed result with Check Connectivity and Code HostUnreachable per category, and the
other hosts are still compared with one another. With -Cluster, members that are not connected in this session are
reported with one result (Code HostUnreachable, under Hypervisor, or under the first category asked for), with a
reminder to run Connect-VIServer -Cluster; the connected members are checked.

Results come out host by host in the order the hosts were given (for a cluster, member order), then by category,
failures first. With several clusters, each is checked on its own. -ReportPath also writes all results as one
self-contained HTML page, once all input has been processed; a report that cannot be written gives a
non-terminating ReportNotWritten error (the results are still output).

An exact cluster name that matches no cluster is a non-terminating ClusterNotFound ("No cluster named 'x' is in the
inventory", target = the name) and the other clusters are still checked; so is a cluster object that was removed from
the inventory since it was read (target = the object). A -VMHost name that matches no connected host is a
VMHostNotFound. An inventory that cannot be read stops the command (InventoryCorrupt…).
'@
    Parameters  = @{
        Cluster       = 'The clusters whose members to check against one another: Cluster objects (from Get-Cluster, also from the pipeline) or cluster names (wildcards allowed). Each cluster is checked on its own.'
        VMHost        = 'The hosts to check against one another, whether or not they are in a cluster: VMHost objects, VIServer objects or names of connected hosts (wildcards allowed). Results carry no cluster name. Give at least two hosts for a meaningful comparison.'
        Include       = 'Run only the checks of these categories: Storage, Network, Cpu, Hypervisor. Default: all. With -List, list only those.'
        Exclude       = 'Skip the checks of these categories (applied after -Include). With -List, leave them out of the list.'
        List          = 'Lists the checks (Category, Check, Description) instead of running them; no host is contacted.'
        ThrottleLimit = 'At most this many hosts are surveyed at the same time, 1 to 256. Default: 16. 1 surveys them one after the other. Results are in the same order whatever the value.'
        ReportPath    = @'
Also writes the results as an HTML page to this file, titled with what was checked ("Compatibility of cluster Prod",
or of "hosts esx01, esx04, esx05" with -VMHost): one table per category, failures in red, warnings in yellow, with a
summary of hosts, failures, warnings and passes. A relative path is relative to the current location; the
folder is created when missing and an existing file is overwritten.
'@
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Clusters.Cluster'; Description = 'Clusters to check, from Get-Cluster.' }
        @{ Type = 'System.String'; Description = 'Names of clusters to check.' }
    )
    Outputs     = @(
        @{ Type = 'VIToolkit.Core.Compatibility.CompatibilityResult'; Description = @'
One per check and host: Cluster (null with -VMHost), VMHost, Category, Check, Result (Passed, Warning, Failed,
NotApplicable), Code (a stable identifier such as NetworkNameNearMiss), Message (what was found and what it means)
and Source (what was compared: a datastore, a network, a libvirt call).
'@ }
        @{ Type = 'VIToolkit.Core.Compatibility.CompatibilityCheck'; Description = 'With -List: Category, Check and Description of each check.' }
    )
    Examples    = @(
        @{ Title = 'Check a cluster'; Code = 'Test-ClusterCompatibility -Cluster Prod | Where-Object Result -ne Passed'; Remarks = 'Runs every check on the members of Prod and shows what is not right: failures, warnings, and checks that do not apply.' }
        @{ Title = 'Compare two hosts on networks and storage'; Code = 'Test-ClusterCompatibility -VMHost esx01, esx04 -Include Network, Storage | Format-Table VMHost, Check, Result, Code, Message -Wrap'; Remarks = @'
Compares only the networks and datastores of esx01 and esx04, e.g. before adding esx04 to esx01's cluster. With two
hosts that spell a network differently (Priv172.17 and Private_172.17), neither spelling is the more common one and
both hosts report NetworkNameNearMiss.
'@ }
        @{ Title = 'What is checked'; Code = 'Test-ClusterCompatibility -List'; Remarks = 'Lists the seven checks with their categories and descriptions.' }
        @{ Title = 'A report for people'; Code = 'Test-ClusterCompatibility -Cluster Prod -ReportPath ./Prod-compatibility.html | Out-Null'; Remarks = 'Writes the results of Prod as an HTML page in the current folder, to read or send, and drops the objects.' }
        @{ Title = 'Gate a script on the result'; Code = @'
$failed = Get-Cluster | Test-ClusterCompatibility -Exclude Cpu | Where-Object Result -eq Failed
if ($failed) { $failed | Group-Object Code -NoElement; exit 1 }
'@; Remarks = 'Checks every cluster except for CPUs and stops with exit code 1, after a count per failure code, when anything fails.' }
    )
    Links       = @('Move-VMHost', 'Test-VMMigration', 'Rename-VirtualNetwork', 'Get-Cluster', 'Get-VirtualNetwork', 'Get-Datastore')
    Notes       = @'
PowerCLI equivalences: PowerCLI has no such command; vCenter checks a VM's move at the time of the vMotion. The
command follows Test-Cluster of the Windows FailoverClusters module (categories, -Include, -List, -ReportPath), with
objects for scripts and an HTML page for people. Move-VMHost runs the same checks before it adds a host to a
cluster; Test-VMMigration checks one VM against one host.
'@
}
