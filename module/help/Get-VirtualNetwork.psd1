@{
    Synopsis    = 'Gets libvirt virtual networks from the connected hosts.'
    Description = @'
Gets the libvirt networks of each host, active or not: bridge, forward mode, subnet and state. A libvirt network is
a virtual switch plus its port group in one object, so this command plays the part of PowerCLI's
Get-VirtualSwitch/Get-VirtualPortGroup for VMs attached to libvirt networks (VM interfaces attached straight to a
host bridge use no libvirt network and do not appear here).

Networks belong to one host: a network defined on several hosts is returned once per host. Each host's networks are
read with one listing per host; hosts are asked in parallel. Output is in host order, then name order. A host that
does not answer gives one HostUnreachable error and the other hosts' networks are still returned. Names with
wildcards (*, ?, [a-z]) match case-insensitively; exact names are case-sensitive, as libvirt names are. An exact name
or an Id found on none of the hosts gives one VirtualNetworkNotFound error; a wildcard that matches nothing gives
nothing.
'@
    Parameters  = @{
        Name   = 'Names of the networks, e.g. default or ''VM Network''. Wildcards are allowed and match case-insensitively; exact names are case-sensitive.'
        Id     = 'UUIDs of the networks. Compared case-insensitively.'
        VMHost = @'
Only networks of these hosts. Accepts VMHost objects (from the pipeline too), VIServer objects, and host names
with wildcards. When given, -Server is not used. Alias: Location.
'@
        Server = 'The servers to search: VIServer objects, or names or URIs of connected servers. Defaults to $DefaultVIServers.'
    }
    Inputs      = @(@{ Type = 'VIToolkit.Core.Model.VMHost'; Description = 'Hosts whose networks to get.' })
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VirtualNetwork'; Description = @'
A snapshot of each network: Name, Bridge (host bridge device, e.g. virbr0), ForwardMode (nat, route, bridge, open,
passthrough…, or isolated when the network has no forward element), Subnet (first subnet in CIDR form, IPv4
preferred, e.g. 192.168.122.0/24), IsActive, VMHost, VMHostName, Id and Uuid (the network UUID), Server.
'@ })
    Examples    = @(
        @{ Title = 'All networks'; Code = 'Get-VirtualNetwork'; Remarks = 'Gets every network of every default server.' }
        @{ Title = 'One network on every host'; Code = 'Get-VirtualNetwork ''VM Network'' | Format-Table VMHostName, Bridge, ForwardMode, Subnet, IsActive'; Remarks = 'Checks that the network is defined the same way, and active, on each host.' }
        @{ Title = 'Networks of one host'; Code = 'Get-VMHost kvm01 | Get-VirtualNetwork'; Remarks = 'Pipes a host into Get-VirtualNetwork.' }
        @{ Title = 'Inactive networks'; Code = 'Get-VirtualNetwork | Where-Object { -not $_.IsActive } | Select-Object VMHostName, Name'; Remarks = 'Finds networks that are defined but not started, so VMs attached to them cannot power on.' }
    )
    Links       = @('Get-VMHost', 'Get-Datastore', 'Connect-VIServer')
}
