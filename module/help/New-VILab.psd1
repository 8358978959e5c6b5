@{
    Synopsis    = 'Builds a simulated estate of libvirt hosts and VMs and connects to it.'
    Description = @'
Writes one libvirt test-driver host file per host (esx01.xml, esx02.xml… in -Path), connects to each as
test:///<path>/esx01.xml, and returns the VIServer objects. Nothing is installed and no real guest runs: the hosts
are simulated in-process by libvirt's test driver, so the lab works on any machine with the libvirt client library,
without a hypervisor, root rights or network access. Use it to try commands, write and test scripts, and demonstrate
VIToolkit as you would a PowerCLI lab against a vCenter simulator.

Each host has 32 logical CPUs at 2600 MHz (2 sockets, 8 cores, 2 threads), 256 GB of memory, the networks
'VM Network' (192.168.122.0/24, NAT, virbr0), Priv172.17 (172.17.0.0/16, isolated) and vMotion (10.10.10.0/24,
isolated), the datastore san01 (NFS from nas01.lab.local:/export/san01, shared by all hosts, holding the VMs' disks)
and a local datastore local-<host> (dir).

VMs are named by role and number (web01, app01, db01, file01, mail01, dns01, cache01, build01, web02…), numbered
across the whole estate so that names are unique. They have 1, 2 or 4 vCPUs, 1 to 8 GB of memory, a disk on san01
and a NIC on 'VM Network' or Priv172.17; on each host seven in ten are powered on, two powered off and one paused
(Suspended). The same -Seed, sizes and prefix always give the same estate: names, sizes and UUIDs.

Every connection to a host file gets its own private, in-memory copy of the host: changes made through it (starting
VMs and so on) are lost when it is disconnected, and the file is not changed. Running New-VILab again with the same
-Path rewrites the files, closes the connections of the earlier lab to them and connects afresh.

Unless -NotDefault is given, the hosts are added to $global:DefaultVIServers, as Connect-VIServer does. A folder that
cannot be written gives a terminating LabPathNotWritable error.
'@
    Parameters  = @{
        ExtraNetworks   = 'More networks per host beyond the three standard ones: net04, net05… on 10.20.N.0/24. For larger estates and benchmarks.'
        ExtraDatastores = 'More shared NFS datastores per host beyond san01: san02, san03…, each from the same export on every host.'
        NetworkRename   = "Give some hosts a network under another name, to reproduce a misconfigured estate. A hashtable of host name to a hashtable of old to new names, e.g. @{ esx04 = @{ 'Priv172.17' = 'Private_172.17' } } (the seed's near-miss). The host's VMs use the renamed network."
        PowerState = 'Put every VM of the lab in this state (PoweredOn, PoweredOff or Suspended) instead of the usual mix (7 in 10 powered on, 2 off, 1 suspended). Handy for bulk tests such as starting a thousand stopped VMs.'
        HostCount  = 'Number of hosts, 1 to 256. Default: 4.'
        VMsPerHost = 'Number of VMs on each host, 0 to 5000. Default: 25.'
        Path       = @'
Folder for the host files; created when missing. Relative paths are relative to the current location. Default: a
VIToolkitLab folder in the temp folder ([System.IO.Path]::GetTempPath()). Existing host files of the same names are
overwritten.
'@
        CpuModel   = @'
CPU model names, given to the hosts in turn (the first to esx01, the second to esx02, and so on, repeating), e.g. to
simulate a mixed cluster. Each is 1 to 31 characters (libvirt's limit). Default: Intel Xeon Gold 6130.
'@
        HostPrefix = 'Prefix of the host names, followed by a number of at least two digits: with the default esx, the hosts are esx01, esx02… (esx100 after esx99). It starts with a letter and has at most 21 letters, digits or hyphens.'
        Seed       = 'Seed for the generated sizes and UUIDs. The same seed gives the same estate every time; use another to get different UUIDs and VM sizes. Default: 1.'
        NotDefault = 'Does not add the lab hosts to $global:DefaultVIServers. Use the returned objects with -Server to work with them.'
    }
    Inputs      = @(@{ Type = 'None'; Description = 'This command takes no pipeline input.' })
    Outputs     = @(@{ Type = 'VIToolkit.Core.Connections.VIServer'; Description = 'One connection per simulated host, named esx01, esx02…; Simulated is True and HypervisorType is TEST.' })
    Examples    = @(
        @{ Title = 'The default lab'; Code = @'
New-VILab
Get-VMHost
'@; Remarks = 'Builds four hosts (esx01 to esx04) with 25 VMs each, connects to them, and lists them.' }
        @{ Title = 'A small lab in a chosen folder'; Code = 'New-VILab -HostCount 2 -VMsPerHost 5 -Path ./lab'; Remarks = 'Writes lab/esx01.xml and lab/esx02.xml under the current location and connects to them.' }
        @{ Title = 'A mixed-CPU cluster'; Code = @'
New-VILab -HostCount 4 -CpuModel 'Intel Xeon Gold 6130', 'AMD EPYC 7302' -HostPrefix kvm
Get-VMHost | Format-Table Name, ProcessorType
'@; Remarks = 'kvm01 and kvm03 get the Intel model, kvm02 and kvm04 the AMD one.' }
        @{ Title = 'A lab beside real hosts'; Code = @'
$lab = New-VILab -HostCount 3 -NotDefault
Get-VM web* -Server $lab | Where-Object PowerState -eq PoweredOn
'@; Remarks = 'Builds the lab without adding it to the default servers, so commands without -Server still work on the real hosts, and queries the lab explicitly.' }
        @{ Title = 'Preview'; Code = 'New-VILab -HostCount 10 -WhatIf'; Remarks = 'Shows where the host files would be written, without writing or connecting anything.' }
    )
    Links       = @('Connect-VIServer', 'Disconnect-VIServer', 'Get-VMHost', 'Get-VM')
}
