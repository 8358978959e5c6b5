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

function Show-Step([string] $Title, [scriptblock] $Command) {
    Write-Host ''
    Write-Host "### $Title" -ForegroundColor Yellow
    Write-Host "PS> $($Command.ToString().Trim())" -ForegroundColor DarkGray
    & $Command | Out-Host
}

Show-Step 'Build a simulated estate: 4 hosts x 25 VMs on the libvirt test driver, and connect to it' {
    $script:lab = New-VILab -HostCount 4 -VMsPerHost 25 -Path $LabPath -CpuModel 'Intel Xeon Gold 6130', 'Intel Xeon Gold 6130', 'Intel Xeon Gold 6130', 'Intel Xeon Gold 6230'
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

Remove-Item -LiteralPath $LabPath -Recurse -Force -ErrorAction SilentlyContinue
Write-Host ''
Write-Host 'Tour complete. Everything above ran on simulated hosts (libvirt test driver).' -ForegroundColor Green
