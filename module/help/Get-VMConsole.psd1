@{
    Synopsis    = 'Gets where the graphical consoles (VNC or SPICE displays) of VMs can be reached.'
    Description = @'
Reads the graphical displays of each VM given from its live definition and returns one VMConsole object per display,
with the address to point a viewer at: VMName, Type (vnc or spice, or another libvirt graphics type), Host, Port,
Listen, Uri (such as vnc://kvm01:5901) and Note. Open it with a VNC or SPICE viewer, e.g. remote-viewer (virt-viewer)
or a VNC client.

Host is the host of the connection URI (kvm01 for qemu+ssh://root@kvm01/system, localhost for local URIs such as
qemu:///system); Listen is the address the display listens on, on the hypervisor. Port and Uri are empty when no
port is assigned, and Note says why: a display with an automatic port gets one only while the VM runs; a simulated
(test driver) host serves no display. A VM without any display gives one object with Type none.

A display that listens on the hypervisor's loopback only (127.0.0.1, as New-VM sets up) cannot be reached directly
from another machine: its Note gives the SSH tunnel command, e.g. ssh -L 5901:127.0.0.1:5901 kvm01, after which
the viewer connects to localhost:5901. Get-VMConsole does not check that the address is reachable, and it does not
return display passwords.

The VMs are read in parallel, at most -ThrottleLimit at a time, without confirmation; consoles come out in input
order. A VM that cannot be read gives one non-terminating error with the VM as its target (VMNotFound when it has been
removed) and the other VMs' consoles are still returned.
'@
    Parameters  = @{
        VM            = @'
The VMs whose consoles to get: VirtualMachine objects (from Get-VM), or names. Names with wildcards (*, ?, [a-z])
match case-insensitively; exact names are case-sensitive, as libvirt's. Names are looked up on the default servers, or on the servers given with -Server; an exact name that matches no VM there is a VMNotFound error, a wildcard that matches nothing does nothing. Accepts VMs and names
from the pipeline.
'@
        Server        = @'
Only VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers, named or
piped, are skipped without a message.
'@
        ThrottleLimit = 'At most this many VMs are read at the same time, 1 to 256. Default: 16.'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs whose consoles to get, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VMConsole'; Description = 'One per display of each VM: VMName, Type (vnc, spice… or none), Host, Port, Listen, Uri, Note, and VM (the VM, read afresh).' })
    Examples    = @(
        @{ Title = 'Where is the console of a VM'; Code = 'Get-VMConsole web01 | Format-List'; Remarks = 'Shows the display type, host, port, address and, if it cannot be reached directly, a note saying how to reach it.' }
        @{ Title = 'Open it in a viewer'; Code = 'remote-viewer (Get-VMConsole web01).Uri'; Remarks = 'Opens the console of web01 (a display listening on a reachable address) in virt-viewer''s remote-viewer, which understands vnc:// and spice:// URIs.' }
        @{ Title = 'Through an SSH tunnel'; Code = @'
$c = Get-VMConsole app07 | Where-Object Port
ssh -f -N -L "$($c.Port):127.0.0.1:$($c.Port)" "root@$($c.Host)"
remote-viewer "$($c.Type)://localhost:$($c.Port)"
'@; Remarks = 'The display of app07 listens on its hypervisor''s loopback (as for VMs made by New-VM): forward the port over SSH, then open the local end.' }
        @{ Title = 'A console list for the running VMs of a host'; Code = 'Get-VMHost esx01 | Get-VM | Where-Object PowerState -eq PoweredOn | Get-VMConsole | Format-Table VMName, Type, Uri, Note -AutoSize'; Remarks = 'Lists the console address of every running VM of esx01, with the notes of those that need a tunnel or have no display.' }
    )
    Links       = @('Get-VM', 'New-VM', 'Start-VM', 'Connect-VIServer')
    Notes       = @'
PowerCLI equivalences: PowerCLI's Open-VMConsoleWindow opens a web console (WebMKS) through vCenter; libvirt hosts
offer VNC or SPICE displays instead, and Get-VMConsole gives their address for a native viewer. Nothing is opened
for you.
'@
}
