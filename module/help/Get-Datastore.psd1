@{
    Synopsis    = 'Gets datastores (libvirt storage pools) from the connected hosts.'
    Description = @'
Gets the storage pools of each host as Datastore objects, active or not: type, state, capacity, free space, where
the storage comes from and where it is mounted. This is PowerCLI's Get-Datastore, with libvirt storage pools in
place of VMFS/NFS datastores.

Pools belong to one host. A pool defined on several hosts (such as an NFS export mounted everywhere) is returned once
per host; Shared is True for network storage types (netfs, iscsi, rbd, gluster…) and Source (e.g.
nas01:/export/san01) is the same string on every host that uses the same storage, so it can be grouped on.

Each host's pools are read with one listing per host; hosts are asked in parallel. Output is in host order, then
name order. A host that does not answer gives one HostUnreachable error and the other hosts' datastores are still
returned. Names with wildcards (*, ?, [a-z]) match case-insensitively; exact names are case-sensitive, as libvirt
names are. An exact name or an Id found on none of the hosts gives one DatastoreNotFound error; a wildcard that
matches nothing gives nothing.
'@
    Parameters  = @{
        Name   = 'Names of the datastores (storage pools). Wildcards are allowed and match case-insensitively; exact names are case-sensitive.'
        Id     = 'Pool UUIDs of the datastores, e.g. 1e9ab8a5-62d0-4bfa-9e5c-2b1f0e7c4d11. Compared case-insensitively.'
        VMHost = @'
Only datastores of these hosts. Accepts VMHost objects (from the pipeline too), VIServer objects, and host names
with wildcards. When given, -Server is not used. Alias: Location.
'@
        Server = 'The servers to search: VIServer objects, or names or URIs of connected servers. Defaults to $DefaultVIServers.'
    }
    Inputs      = @(@{ Type = 'VIToolkit.Core.Model.VMHost'; Description = 'Hosts whose datastores to get.' })
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.Datastore'; Description = @'
A snapshot of each pool: Name, Type (libvirt pool type: dir, fs, netfs, logical, iscsi, rbd…), State (Available,
Inactive, Building, Degraded, Inaccessible), CapacityGB, FreeSpaceGB, Source, Path, Shared, VMHost, VMHostName,
Id and Uuid (the pool UUID), Server.
'@ })
    Examples    = @(
        @{ Title = 'All datastores'; Code = 'Get-Datastore'; Remarks = 'Gets every storage pool of every default server.' }
        @{ Title = 'One datastore on every host'; Code = 'Get-Datastore san01 | Format-Table VMHostName, State, FreeSpaceGB, Source'; Remarks = 'Shows how the shared datastore san01 looks from each host.' }
        @{ Title = 'Datastores of some hosts'; Code = 'Get-VMHost esx0[12] | Get-Datastore local-*'; Remarks = 'Pipes two hosts into Get-Datastore and keeps their local pools.' }
        @{ Title = 'Low free space'; Code = 'Get-Datastore | Where-Object { $_.FreeSpaceGB / $_.CapacityGB -lt 0.1 } | Sort-Object FreeSpaceGB'; Remarks = 'Lists the pools with less than 10 % free space.' }
        @{ Title = 'How many hosts share each storage'; Code = 'Get-Datastore | Where-Object Shared | Group-Object Source | Select-Object Name, Count'; Remarks = 'Counts, for each shared storage source, how many hosts have it defined.' }
    )
    Links       = @('Get-VMHost', 'Get-VirtualNetwork', 'Connect-VIServer')
    Notes       = @'
Only hosts can be piped in. To see the datastores of the host a VM runs on, go through its host:
Get-VM web01 | Get-VMHost | Get-Datastore.
'@
}
