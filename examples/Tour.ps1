<#
.SYNOPSIS
    A guided tour of VIToolkit on a simulated estate (the libvirt test driver: no daemon, no real guests).
.DESCRIPTION
    Run by `dotnet pwsh ./build.ps1 Demo`. Builds a lab of four hosts, then walks through what VIToolkit can do so far,
    printing readable tables. Every step is a command an operator would type.
#>
[CmdletBinding()]
param(
    # The laid-out module's manifest (build.ps1 passes out/VIToolkit/VIToolkit.psd1).
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/VIToolkit/VIToolkit.psd1'),
    # Where the lab's host files go.
    [string] $LabPath = (Join-Path ([System.IO.Path]::GetTempPath()) 'VIToolkitTour')
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
# The tour keeps its clusters and events in a store of its own (a SQLite file in its folder), so that it never touches
# yours (~/.local/share/VIToolkit/vitoolkit.db); it starts from an empty one.
Remove-Item -LiteralPath $LabPath -Recurse -Force -ErrorAction Ignore
$null = New-Item -ItemType Directory -Force $LabPath
$env:VITOOLKIT_INVENTORY = Join-Path $LabPath 'inventory.json'
$env:VITOOLKIT_STORE = Join-Path $LabPath 'vitoolkit.db'   # first of all settings: whatever Set-VIToolkitConfiguration chose

function Show-Step([string] $Title, [scriptblock] $Command) {
    Write-Host ''
    Write-Host "### $Title" -ForegroundColor Yellow
    Write-Host "PS> $($Command.ToString().Trim())" -ForegroundColor DarkGray
    & $Command | Out-Host
}

Show-Step 'Build a simulated estate: 4 hosts x 25 VMs on the libvirt test driver, and connect to it' {
    # The seed's situation: esx04 calls its private network Private_172.17 where the others say Priv172.17.
    $script:lab = New-VILab -HostCount 4 -VMsPerHost 25 -Path $LabPath -NetworkRename @{ esx04 = @{ 'Priv172.17' = 'Private_172.17' } }
    $script:lab
}

Show-Step 'The hosts (PowerCLI: Get-VMHost)' { Get-VMHost }

Show-Step 'Running VMs of one host, through the pipeline' {
    Get-VMHost esx02 | Get-VM | Where-Object PowerState -eq PoweredOn | Select-Object -First 8
}

Show-Step 'Wildcards, restricted to one server' { Get-VM web* -Server $lab[0] }

Show-Step 'An exact name is one lookup per host; -Id finds a VM by its UUID' {
    $vm = Get-VM db01
    Get-VM -Id $vm.Id | Format-List Name, PowerState, NumCpu, MemoryGB, VMHost, Id, Notes
}

Show-Step 'How the estate is doing: VMs per host and power state' {
    Get-VM | Group-Object VMHostName, PowerState | Sort-Object Name | Format-Table Count, Name -AutoSize
}

Show-Step 'Datastores: the shared NFS datastore and each host''s local one' { Get-Datastore | Sort-Object Name, VMHostName }

Show-Step 'Networks of one host' { Get-VMHost esx01 | Get-VirtualNetwork }

Show-Step 'Create a VM: 2 GB, 2 vCPUs, on Priv172.17, a 20 GB disk on the shared datastore' {
    New-VM -Name app-billing01 -VMHost esx01 -MemoryMB 2048 -NumCpu 2 -NetworkName Priv172.17 -Datastore san01 -DiskGB 20 -Notes 'billing'
}

Show-Step 'Power it on, suspend it, resume it (Start-VM resumes a suspended VM)' {
    Get-VM app-billing01 | Start-VM | Suspend-VM | Start-VM
}

Show-Step 'Asking for the state it is already in is a warning, not an error' { Start-VM app-billing01 }

Show-Step 'Resize: a running VM cannot grow past the memory it started with, and says so' {
    Set-VM app-billing01 -MemoryMB 4096 -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable refused
    "Refused: $($refused[0].FullyQualifiedErrorId): $($refused[0].Exception.Message)"
    Get-VM app-billing01 | Stop-VMGuest -Confirm:$false | Set-VM -MemoryMB 4096 -NumCpu 4 -Notes 'billing, resized' -Confirm:$false
}

Show-Step 'Snapshot before a change, change, revert' {
    New-Snapshot -VM app-billing01 -Name before-patch -Description 'patch window' | Out-Null
    Set-VM app-billing01 -NumCpu 1 -Confirm:$false | Out-Null
    Set-VM app-billing01 -Snapshot before-patch -Confirm:$false | Format-Table Name, PowerState, NumCpu, MemoryMB -AutoSize
    Get-Snapshot -VM app-billing01 | Format-Table Name, VM, Created, PowerState, IsCurrent, Description -AutoSize
}

Show-Step 'Where its display is (VNC), then remove it with its disk' {
    Get-VMConsole app-billing01 | Format-List VMName, Type, Host, Port, Listen, Note
    Get-Snapshot -VM app-billing01 | Remove-Snapshot -Confirm:$false
    Remove-VM app-billing01 -DeletePermanently -Confirm:$false -Verbose 4>&1
}

Show-Step 'Bulk: start every powered-off VM of the estate, 16 at a time, results in order' {
    $off = Get-VM | Where-Object PowerState -eq PoweredOff
    $started = $off | Start-VM -Confirm:$false
    "Started $(@($started | Where-Object PowerState -eq PoweredOn).Count) of $($off.Count) powered-off VMs"
}

Show-Step 'A runbook: the patch window (snapshot, guest shutdown, start, verify, drop the snapshot)' {
    Get-VM web0[1-3] | & (Join-Path $PSScriptRoot 'Runbooks/Invoke-PatchWindow.ps1') -Confirm:$false | Format-Table VM, VMHost, Result, Detail -AutoSize
}

Show-Step 'A cluster: three identical hosts, HA and DRS settings kept in the inventory' {
    New-Cluster -Name Prod -VMHost esx01, esx02, esx03 -HAEnabled -DrsEnabled -DrsAutomationLevel Manual
}

Show-Step 'Its hosts and VMs, through the pipeline' {
    Get-Cluster Prod | Get-VMHost | Format-Table Name, ConnectionState, NumCpu, MemoryTotalGB, VMCount -AutoSize
    "VMs in Prod: $(@(Get-Cluster Prod | Get-VM).Count)"
}

Show-Step 'Adding esx04 is refused: its network name is a near miss' {
    Move-VMHost esx04 -Destination Prod -ErrorAction SilentlyContinue -ErrorVariable refused |
        Format-Table VMHost, Category, Check, Result, Code, Message -Wrap
    "Refused: $($refused[0].FullyQualifiedErrorId)"
}

Show-Step 'Can a VM of esx04 move to esx01? Not yet, and why' {
    $vm = Get-VMHost esx04 | Get-VM | Select-Object -First 1
    Test-VMMigration -VM $vm -Destination esx01 | Select-Object -ExpandProperty Issues | Format-Table Severity, Code, Message -Wrap
}

Show-Step 'Fix it: rename the network on esx04 (and re-point its VMs), then add the host' {
    Get-VirtualNetwork Private_172.17 -VMHost esx04 | Rename-VirtualNetwork -NewName Priv172.17 -UpdateVMs -Confirm:$false | Format-Table Name, Bridge, Subnet, VMHost -AutoSize
    Move-VMHost esx04 -Destination Prod
}

Show-Step 'Prove the cluster is identical: one result per host and check' {
    $results = Test-ClusterCompatibility -Cluster Prod -ReportPath (Join-Path $LabPath 'Prod.html')
    $results | Group-Object Category, Result | Sort-Object Name | Format-Table Count, Name -AutoSize
    $results | Where-Object Category -eq Cpu | Select-Object -First 2 | Format-List VMHost, Check, Result, Message
}

Show-Step 'Change the cluster''s settings; they are kept in the store (Export-VIInventory writes it as JSON for review)' {
    Set-Cluster Prod -HAFailoverLevel 1 -DrsAutomationLevel FullyAutomated -Confirm:$false | Format-List Name, HAEnabled, HAFailoverLevel, DrsEnabled, DrsAutomationLevel, HostCount, VMCount, MemoryTotalGB
    $export = Export-VIInventory -Path (Join-Path $LabPath 'inventory-export.json') -Force
    Get-Content -Raw $export | ConvertFrom-Json | Select-Object schemaVersion, revision, @{ n = 'clusters'; e = { $_.clusters.name } }
}

Show-Step 'Move a VM (PowerCLI: Move-VM). A running VM is never powered off unasked: simulated hosts cannot migrate live, so Auto refuses' {
    Get-VM db01 -Server $lab[0] | Move-VM -Destination esx02 -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable refused
    "Refused: $($refused[0].FullyQualifiedErrorId)"
    "  $($refused[0].Exception.Message)"
}

Show-Step 'Ask for the offline move explicitly (power off here, on there): the simulated path says what it did' {
    $moved = Get-VM db01 -Server $lab[0] | Move-VM -Destination esx02 -MigrationType Offline -Confirm:$false
    $moved | Format-Table Name, PowerState, VMHostName -AutoSize
    $moved.Migration | Format-Table Type, Source, Destination, PoweredOffForMove, Method -AutoSize
}

Show-Step 'Let placement pick the host: move to the cluster, as a background task' {
    $task = Get-VM app01 -Server $lab[0] | Move-VM -Destination (Get-Cluster Prod) -MigrationType Offline -RunAsync -Confirm:$false
    $task | Wait-Task -TimeoutSeconds 60 | Format-Table Name, PowerState, VMHostName -AutoSize
    Get-Task | Format-Table Id, Name, State, PercentComplete, Description -AutoSize
}

Show-Step 'Maintenance mode: evacuate esx03 (every running VM moves to the other members; offline, asked for, as the hosts are simulated), then bring it back' {
    Set-VMHost esx03 -State Maintenance -Evacuate -MigrationType Offline -Confirm:$false | Format-Table Name, ConnectionState, VMCount, PoweredOnVMCount -AutoSize
    Get-VMHost | Format-Table Name, ConnectionState, VMCount, PoweredOnVMCount -AutoSize
    Set-VMHost esx03 -State Connected -Confirm:$false | Format-Table Name, ConnectionState -AutoSize
}

Show-Step 'Live migration on real hosts: two private libvirtd + QEMU hosts on this machine, when it can run them' {
    Import-Module (Join-Path $PSScriptRoot '../tests/hosts/TestHosts.psm1')
    if (-not (Test-TestHostSupport)) {
        'This machine cannot run libvirtd test hosts (needs root, unshare, libvirtd and QEMU: `dotnet pwsh ./build.ps1 Test` installs them as root). Only the offline move above was shown.'
        return
    }
    $real = @(Start-TestHost -Count 2 -Root (Join-Path $LabPath 'real'))
    try {
        $kvm = foreach ($h in $real) { Connect-VIServer $h.Uri -Name $h.Name -NotDefault }
        New-TestGuest -TestHost $real[0] -Name tiny01 -MemoryMiB 128
        $moved = Get-VM tiny01 -Server $kvm | Move-VM -Destination $kvm[1] -Confirm:$false
        $moved | Format-Table Name, PowerState, VMHostName -AutoSize
        $moved.Migration | Format-Table Type, Source, Destination, @{ n = 'Seconds'; e = { '{0:N2}' -f $_.Duration.TotalSeconds } }, DowntimeMs, BytesTransferred, Method -AutoSize
        $script:ranOnRealHosts = $true
    }
    finally {
        $kvm | Disconnect-VIServer -Confirm:$false -ErrorAction SilentlyContinue
        $real | Stop-TestHost
    }
}

Show-Step 'What happened (PowerCLI: Get-VIEvent): every change above is an event in the store (SQLite here; PostgreSQL to share)' {
    Get-VIEvent -MaxSamples 8 -WarningAction SilentlyContinue | Format-Table CreatedTime, Type, FullFormattedMessage -AutoSize | Out-String -Width 110
    Get-VIEvent -Types VmRelocatedEvent | Select-Object -First 3 EntityName, @{ n = 'From'; e = { $_.Data.source } }, @{ n = 'To'; e = { $_.Data.destination } }, @{ n = 'Task'; e = { $_.ChainId } }
}

Show-Step 'Another pwsh process on the same store sees the same cluster and the same events' {
    $pwsh = (Get-Process -Id $PID).Path
    $prefix = @()
    if ([System.IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
    $manifest = (Resolve-Path $ModulePath).Path
    & $pwsh @prefix -NoProfile -NonInteractive -Command "Import-Module '$manifest'; `$c = Get-Cluster Prod; 'Other process: cluster {0} with {1}; {2} events, newest: {3}' -f `$c.Name, (`$c.VMHostNames -join ', '), @(Get-VIEvent).Count, (Get-VIEvent -MaxSamples 1 -WarningAction SilentlyContinue).FullFormattedMessage"
}

Show-Step 'Errors are objects with stable ids: a VM that does not exist' {
    Get-VM no-such-vm -ErrorAction SilentlyContinue -ErrorVariable notFound
    $notFound | ForEach-Object { [pscustomobject]@{ Id = $_.FullyQualifiedErrorId; Category = $_.CategoryInfo.Category; Target = $_.TargetObject } }
}

Show-Step 'A host that goes away: the others still answer, plus one error' {
    Disconnect-VIServer $lab[3] -Confirm:$false
    $vms = Get-VM -Server $lab -ErrorAction SilentlyContinue -ErrorVariable unreachable
    [pscustomobject]@{ VMsReturned = $vms.Count; Errors = ($unreachable.FullyQualifiedErrorId -join ', ') }
}

Show-Step 'Connect to the shared built-in test host too, then disconnect everything' {
    Connect-VIServer test:///default | Out-Host
    Disconnect-VIServer * -Confirm:$false
    "Connected servers left: $(@($global:DefaultVIServers).Count)"
}

Remove-Cluster Prod -Confirm:$false
Remove-Item -LiteralPath $LabPath -Recurse -Force -ErrorAction SilentlyContinue
Write-Host ''
if ($script:ranOnRealHosts) {
    Write-Host 'Tour complete. Everything above ran on simulated hosts (libvirt test driver), except the live migration, which ran on two real libvirtd + QEMU hosts.' -ForegroundColor Green
}
else {
    Write-Host 'Tour complete. Everything above ran on simulated hosts (libvirt test driver).' -ForegroundColor Green
}
