@{
    Synopsis    = 'Gets virtual machines (libvirt domains) from the connected hosts.'
    Description = @'
Gets VMs from every default server, or from the hosts given by -Server or -VMHost.

An exact name is looked up directly on each host (one libvirt call per host; libvirt names are case-sensitive); a
name with wildcards (*, ?, [a-z]) matches case-insensitively against one bulk listing per host. Hosts are asked in
parallel; output is in host order, then name order. A host that does not answer gives one HostUnreachable error and
the other hosts' VMs are still returned. An exact name that matches nothing gives a VMNotFound error; a wildcard that
matches nothing gives nothing.
'@
    Parameters  = @{
        Name   = 'Names of the VMs. Wildcards are allowed and match case-insensitively; exact names are case-sensitive.'
        Id     = 'Domain UUIDs of the VMs, e.g. 4dea22b3-1d52-d8f3-2516-782e98ab3fa0. A value that is not a UUID gives an InvalidVMId error.'
        VMHost = 'Only VMs on these hosts. Accepts VMHost objects from the pipeline, and host names. A cluster name is refused here: use -Location.'
        Location = 'Only VMs in these containers: clusters (by object or name; their connected member hosts) or hosts.'
        Server = 'The servers to search. Defaults to $DefaultVIServers.'
    }
    Inputs      = @(@{ Type = 'VIToolkit.Core.Model.VMHost'; Description = 'Hosts whose VMs to get.' })
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'A snapshot of each VM: Name, PowerState, NumCpu, MemoryMB, MemoryGB, VMHost, Id (UUID), Notes.' })
    Examples    = @(
        @{ Title = 'All VMs'; Code = 'Get-VM'; Remarks = 'Gets every VM on every default server.' }
        @{ Title = 'By wildcard on one server'; Code = 'Get-VM web* -Server $lab[0]'; Remarks = 'Gets the VMs whose name starts with web on the first lab host.' }
        @{ Title = 'The VMs of a cluster'; Code = "Get-VM -Location Prod"; Remarks = 'Gets the VMs of every connected member host of cluster Prod.' }
        @{ Title = 'Running VMs of one host'; Code = "Get-VMHost esx02 | Get-VM | Where-Object PowerState -eq PoweredOn"; Remarks = 'Pipes a host into Get-VM and keeps the powered-on VMs.' }
        @{ Title = 'By UUID'; Code = 'Get-VM -Id 4dea22b3-1d52-d8f3-2516-782e98ab3fa0'; Remarks = 'Looks the VM up by its domain UUID on every host.' }
    )
    Links       = @('Get-VMHost', 'Connect-VIServer')
}
