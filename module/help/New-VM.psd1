@{
    Synopsis    = 'Creates a VM on a host, from parameters or from a complete libvirt domain definition.'
    Description = @'
Creates (defines, persistently) a new VM on the host given by -VMHost and returns it. The VM is created powered off:
start it with Start-VM.

From parameters, the VM gets -MemoryMB of memory (default 1024) and -NumCpu vCPUs (default 1); one virtio NIC per
network of -NetworkName, in order; with -DiskGB, one thin-provisioned qcow2 disk named <Name>.qcow2, created in the
datastore -Datastore and attached as virtio disk vda; a VNC display on the host's loopback address with an automatic
port (see Get-VMConsole); ACPI; and the domain type, architecture and OS type that the host's capabilities offer
(kvm where available). The VM boots from its disk; it has no CD-ROM, so to install from an ISO image or to set
anything else (firmware, CPU model, disk bus, more disks…) use -DomainXml.

With -DomainXml, the VM is defined from a complete libvirt domain XML document that you write (full control). The
name is taken from its <name> element; the networks, disks and storage it refers to must already exist.

Everything is checked before anything is created: the name (InvalidVMName: 1 to 200 characters, no '/', no control
characters, no leading or trailing spaces), the memory against the host (InvalidMemorySize), the vCPUs against its
logical CPUs (InvalidNumCpu), the disk size (InvalidDiskSize; -DiskGB outside 0 to 65536 is refused by parameter validation), that -DiskGB comes with -Datastore
(DatastoreRequired), the notes (InvalidNotes), that each network exists on the host (VirtualNetworkNotFound), that
the datastore exists (DatastoreNotFound) and that the host has no VM of that name yet (VMAlreadyExists). Domain XML is
checked too (InvalidDomainXml: not well-formed, DTDs or entities, root not <domain>, no type attribute, bad <uuid>)
and a definition the host refuses also gives InvalidDomainXml with libvirt's message. A disk that cannot be created
(for instance because a volume <Name>.qcow2 is left in the datastore by an earlier Remove-VM without
-DeletePermanently) gives DiskCreationFailed. A New-VM that fails leaves nothing behind: no domain and no disk volume.

Names, notes and network names are written into the domain XML through an XML object model, never pasted as text,
so characters such as < > & ' " are stored as they are and cannot inject XML.

Each input is one VM, created one after the other; a VM that cannot be created gives one non-terminating error and
the next input is still processed. Given several hosts through the pipeline, New-VM creates one VM of that name on
each.
'@
    Parameters  = @{
        Name        = 'Name of the new VM, unique on its host: 1 to 200 characters, without ''/'', control characters or leading/trailing spaces. Any other character is allowed. Accepts the Name property of piped objects (e.g. CSV rows).'
        VMHost      = @'
The host to create the VM on: a VMHost object (from Get-VMHost, also from the pipeline), a VIServer, or a host name.
A name with wildcards must match exactly one connected host. Accepts the VMHost property of piped objects (e.g. a
VMHost column of a CSV file).
'@
        Server      = @'
Only create the VM when its host is one of these servers (VIServer objects or server names, wildcards allowed);
otherwise the input gives a VMHostNotFound error and nothing is created. A guard for scripts meant for one estate. A
host name given to -VMHost must still match exactly one connected host.
'@
        MemoryMB    = 'Memory of the VM in MB, from 1 to the memory of the host. Default: 1024. This is also its maximum memory (see Set-VM).'
        NumCpu      = 'Number of vCPUs, from 1 to the number of logical CPUs of the host. Default: 1.'
        NetworkName = @'
Virtual networks (libvirt networks, see Get-VirtualNetwork) to connect: one virtio NIC each, in the order given.
Default: no NIC. Aliases: Network, PortGroup.
'@
        Datastore   = 'The datastore (libvirt storage pool, see Get-Datastore) that holds the VM''s disk. Required with -DiskGB.'
        DiskGB      = @'
Size of the VM's disk in GB, 0 to 65536: a thin-provisioned qcow2 volume named <Name>.qcow2 in -Datastore, which
takes space only as the guest writes. Default: 0, no disk.
'@
        Notes       = 'Notes of the VM (libvirt''s domain description). Any text, including XML special characters. Alias: Description.'
        DomainXml   = @'
A complete libvirt domain definition (<domain type="kvm">…</domain>) to define the VM from, instead of the other
parameters (only -VMHost goes with it). It is checked before the host sees it: well-formed, no DTD, root <domain>
with a type attribute, a valid <name>, a valid <uuid> if present, name not taken on the host.
'@
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VMHost'; Description = 'The host to create the VM on.' }
        @{ Type = 'System.Management.Automation.PSObject'; Description = 'Objects with Name, VMHost, MemoryMB, NumCpu, NetworkName, Datastore, DiskGB or Notes properties, e.g. rows of Import-Csv: one VM each.' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'The new VM, powered off.' })
    Examples    = @(
        @{ Title = 'A small VM with a disk and a NIC'; Code = 'New-VM -Name web05 -VMHost esx01 -MemoryMB 2048 -NumCpu 2 -DiskGB 20 -Datastore san01 -NetworkName ''VM Network'''; Remarks = 'Creates web05, powered off, on esx01 with 2 GB of memory, two vCPUs, a 20 GB thin disk on san01 and a NIC on VM Network.' }
        @{ Title = 'Create and start'; Code = 'Get-VMHost esx02 | New-VM app07 -MemoryMB 4096 -NumCpu 2 -DiskGB 40 -Datastore san01 -NetworkName ''VM Network'', vMotion -Notes ''Owner: payments'' | Start-VM'; Remarks = 'Creates app07 on esx02 with two NICs and starts it.' }
        @{ Title = 'VMs from a CSV file'; Code = @'
# vms.csv:
# Name,VMHost,MemoryMB,NumCpu,NetworkName,Datastore,DiskGB,Notes
# lab-a,esx01,2048,2,VM Network,san01,20,first lab VM
# lab-b,esx02,4096,4,Priv172.17,san01,40,second lab VM
Import-Csv .\vms.csv | New-VM
'@; Remarks = 'Creates one VM per row; the columns bind to the parameters of the same names. A row that fails gives an error and the other rows are still created.' }
        @{ Title = 'Full control with domain XML'; Code = @'
$xml = Get-Content .\templates\win2022.xml -Raw
$xml = $xml.Replace('{{NAME}}', 'win-sql01')
New-VM -VMHost esx03 -DomainXml $xml
'@; Remarks = 'Defines a VM from a template of libvirt domain XML (with, for instance, UEFI firmware and an installation ISO as CD-ROM). The template must not hold a fixed <uuid>, or every copy would get the same one.' }
        @{ Title = 'Preview'; Code = 'Get-VMHost esx* | New-VM canary01 -WhatIf'; Remarks = 'Shows that a VM canary01 would be created on each esx host, without creating any.' }
    )
    Links       = @('Start-VM', 'Remove-VM', 'Set-VM', 'Get-VMConsole', 'Get-VMHost', 'Get-Datastore', 'Get-VirtualNetwork')
    Notes       = @'
PowerCLI equivalences: -Name, -VMHost, -MemoryMB, -NumCpu, -DiskGB, -Datastore, -NetworkName (alias PortGroup) and
-Notes as in PowerCLI's New-VM. PowerCLI's -Template, -VM (clone), -ResourcePool, -GuestId, -CD and -DiskStorageFormat
have no equivalent: use -DomainXml for what the parameters do not cover. The datastore is a libvirt storage pool and
the network a libvirt network of the same host.
'@
}
