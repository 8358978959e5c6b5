@{
    Synopsis    = 'Gets the connected libvirt hosts.'
    Description = @'
Gets a VMHost object for each connected host: CPU, memory, hypervisor and libvirt versions, VM counts and connection
state. This is PowerCLI's Get-VMHost. In VIToolkit each connection (VIServer) is exactly one host, so the hosts are
those of $DefaultVIServers, or of -Server; Get-VMHost never lists hosts you have not connected to.

Host names match case-insensitively, with or without wildcards (*, ?, [a-z]). A name without wildcards that is not
connected gives a VMHostNotFound error; a wildcard that matches nothing gives nothing. With -Id, each Id that is not
connected gives a VMHostNotFound error. With -VM, the hosts the VMs run on are returned.

Hosts are read in parallel; output is in the order of the servers. A host that does not answer is still returned,
with ConnectionState NotResponding (or Disconnected) and empty MemoryUsageGB, VMCount and PoweredOnVMCount, as
PowerCLI shows a Not Responding host; its static facts are those read at connect time.
'@
    Parameters  = @{
        Location = 'The member hosts of these clusters (objects from Get-Cluster, or cluster names); members that are not connected are named in a warning. Get-Cluster Prod | Get-VMHost pipes clusters here.'
        Name   = 'Names of the hosts, as shown by Connect-VIServer (e.g. kvm01, esx01). Wildcards are allowed; matching is case-insensitive.'
        Id     = @'
Ids of the hosts: the host UUID the hypervisor reports, or, where it reports none (test-driver hosts), a stable UUID
derived from the connection URI. Compared case-insensitively.
'@
        VM     = @'
Gets the hosts these VMs run on. Accepts VirtualMachine objects (from the pipeline too) and VM names, with wildcards,
looked up on every connected server. Each host is written once per call, and piped VMs are processed one at a time:
Get-VM web* | Get-VMHost writes a host once per VM, while Get-VMHost -VM (Get-VM web*) writes each host once.
'@
        Server = 'The servers to get hosts from: VIServer objects, or names or URIs of connected servers. Defaults to $DefaultVIServers.'
    }
    Inputs      = @(@{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs whose hosts to get.' })
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VMHost'; Description = @'
A snapshot of each host: Name, ConnectionState, PowerState, Manufacturer, Model, ProcessorType, CpuVendor,
Architecture, NumCpu (logical CPUs), CpuMhz, CpuTotalMhz, MemoryTotalGB, MemoryUsageGB, HypervisorType, Version,
LibvirtVersion, Uri, Id, Uuid, Simulated, VMCount, PoweredOnVMCount, and Server (the VIServer connection).
'@ })
    Examples    = @(
        @{ Title = 'All connected hosts'; Code = 'Get-VMHost'; Remarks = 'Gets every host in $DefaultVIServers.' }
        @{ Title = 'By wildcard'; Code = 'Get-VMHost kvm0*'; Remarks = 'Gets the hosts whose name starts with kvm0.' }
        @{ Title = 'Where a VM runs'; Code = 'Get-VMHost -VM db01'; Remarks = 'Gets the host of the VM named db01.' }
        @{ Title = 'Memory headroom per host'; Code = 'Get-VMHost | Select-Object Name, PoweredOnVMCount, MemoryTotalGB, @{ n = ''FreeGB''; e = { $_.MemoryTotalGB - $_.MemoryUsageGB } } | Sort-Object FreeGB -Descending'; Remarks = 'Lists the hosts with the most free memory first, e.g. to pick a target for new VMs.' }
        @{ Title = 'Hosts that stopped answering'; Code = 'Get-VMHost | Where-Object ConnectionState -ne Connected'; Remarks = 'Shows hosts whose connection dropped (NotResponding) or was closed.' }
        @{ Title = 'Datastores of one host'; Code = 'Get-VMHost esx02 | Get-Datastore'; Remarks = 'Pipes a host into Get-Datastore.' }
    )
    Links       = @('Connect-VIServer', 'Get-VM', 'Get-Datastore', 'Get-VirtualNetwork')
}
