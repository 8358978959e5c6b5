@{
    Synopsis    = 'Renames a libvirt virtual network on its host, e.g. to make its name match the other hosts of a cluster.'
    Description = @'
libvirt cannot rename a network, so Rename-VirtualNetwork re-makes it: it reads the network's persistent definition,
stops the network if it is active, removes the definition, defines it again under the new name (same UUID, bridge,
forward mode and addresses) and starts it again if it was active. If libvirt refuses the new definition, the old one
is defined and started again and the error is reported. The network as it is afterwards is returned.

The usual reason is a near-miss name that Test-ClusterCompatibility, Move-VMHost or Test-VMMigration reports
(NetworkNameNearMiss): one host calls the network Private_172.17 where the others call it Priv172.17, and VMs
cannot move between them.

What renaming does to VMs: while an active network is re-made, its bridge goes down and VMs attached to it lose their
connectivity, and they may need their interface re-attached (or a restart) to get it back. A VM's NIC names its
network, so without -UpdateVMs a VM that used the old name keeps naming it and, on a real host, fails to start (or to
migrate) until its interface is pointed at the new name: a warning lists those VMs. With -UpdateVMs, the persistent
definitions of the host's VMs that use the network are changed to the new name as well, and running VMs' NICs are
re-pointed live where the driver can (QEMU); where it cannot (the test driver), a warning names the running VMs that
keep the old name until their next power-on. Rename in a maintenance window, and on the
side with fewer VMs.

The impact is High: confirmation is asked unless -Confirm:$false is given. The network is given as an object from
Get-VirtualNetwork (not by name), so the host is never ambiguous; one network is renamed per object, and several can
be piped. Errors are non-terminating and the other networks go on: VirtualNetworkAlreadyExists (the host already has
a network of the new name), VirtualNetworkNotFound (the network no longer exists), InvalidNetworkName (the new name is
empty, longer than 200 characters, or contains '/', '\' or control characters), HostUnreachable, and LibvirtOperationFailed with libvirt's message when
libvirt refuses a step.
'@
    Parameters  = @{
        VirtualNetwork = 'The network to rename: a VirtualNetwork object from Get-VirtualNetwork, also from the pipeline. Its host is the one it was read from.'
        NewName        = 'The new name: 1 to 200 characters, without leading or trailing spaces, ''/'', ''\'' or control characters. libvirt names are case-sensitive. Must not be the name of another network of the same host.'
        UpdateVMs      = 'Also change the NICs of the host''s VMs that use the network to the new name (their persistent definitions, and running VMs'' NICs live where the driver can; a warning names running VMs it could not change). Without it, a warning names the VMs that still use the old name.'
    }
    Inputs      = @(@{ Type = 'VIToolkit.Core.Model.VirtualNetwork'; Description = 'Networks to rename, from Get-VirtualNetwork.' })
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VirtualNetwork'; Description = 'The renamed network, read afresh from its host: Name, Bridge, ForwardMode, Subnet, IsActive, VMHost, Id (unchanged)…' })
    Examples    = @(
        @{ Title = 'Fix a near-miss network name on one host'; Code = 'Get-VirtualNetwork Private_172.17 -VMHost esx04 | Rename-VirtualNetwork -NewName Priv172.17 -UpdateVMs -Confirm:$false'; Remarks = 'Renames the network of esx04 to the name the other hosts use, without asking, and points the VMs of esx04 that used Private_172.17 at Priv172.17.' }
        @{ Title = 'Find what to rename'; Code = @'
Test-ClusterCompatibility -VMHost esx01, esx04 -Include Network |
    Where-Object Code -eq NetworkNameNearMiss | Format-List VMHost, Message
'@; Remarks = 'Names both spellings of each network that differs only by a near-miss, before deciding which side to rename.' }
        @{ Title = 'The same rename on every host'; Code = 'Get-VirtualNetwork ''Prod Net'' | Rename-VirtualNetwork -NewName ProdNet -WhatIf'; Remarks = 'Shows, for each host that has the network, the rename that would be done (and that an active network would be stopped briefly).' }
    )
    Links       = @('Get-VirtualNetwork', 'Test-ClusterCompatibility', 'Move-VMHost', 'Test-VMMigration')
    Notes       = @'
PowerCLI equivalences: the nearest is renaming a port group with Set-VirtualPortGroup -Name, which vSphere does in
place; libvirt has no rename, so the network is re-made, briefly stopping it, and the VMs that name it are updated
only with -UpdateVMs. There is no -Server: the host is the network's own.
'@
}
