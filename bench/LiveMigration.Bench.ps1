<#
.SYNOPSIS
    Live migration between real libvirtd + QEMU test hosts on this machine:
    1. An idle 256 MiB guest moved back and forth with Move-VM and with `virsh migrate --live --p2p` (alternating, same
       run): Move-VM's wall time against virsh's (target within 1.2x) and the downtime libvirt reports (target <= 50 ms).
    2. Evacuating a host of 8 running guests to 2 others with Set-VMHost -State Maintenance -Evacuate, against serial
       virsh migrate calls moving the same 8 guests.
    Needs root (the test hosts run in mount namespaces); skipped with a message otherwise.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/VIToolkit/VIToolkit.psd1'),
    [int] $Repeats = 5,
    [int] $EvacuateCount = 8
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
Import-Module (Join-Path $PSScriptRoot '../tests/hosts/TestHosts.psm1') -Force
Import-Module $ModulePath -Force
if (-not (Test-TestHostSupport)) {
    Write-Warning 'LiveMigration bench skipped: this machine cannot run libvirtd test hosts (needs root, unshare, libvirtd, the libvirt-qemu user).'
    return
}

$work = Join-Path ([System.IO.Path]::GetTempPath()) "vitoolkit-bench-migrate-$PID"
$env:VITOOLKIT_INVENTORY = Join-Path $work 'inventory.json'
$testHosts = @()
try {
    $testHosts = @(Start-TestHost -Count 3 -Root (Join-Path $work 'hosts'))
    $servers = foreach ($h in $testHosts) { Connect-VIServer $h.Uri -Name $h.Name }
    function Invoke-Virsh([string[]] $Arguments) {
        $out = & virsh -q @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "virsh $($Arguments -join ' '): $out" }
    }
    $virshFlags = '--live', '--p2p', '--persistent', '--undefinesource'

    # 1. One idle 256 MiB guest, alternately moved kvm01 -> kvm02 by Move-VM and kvm02 -> kvm01 by virsh.
    New-TestGuest -TestHost $testHosts[0] -Name bench-live -MemoryMiB 256
    $null = Get-VM bench-live | Move-VM -Destination kvm02 -Confirm:$false     # warm-up (both directions)
    Invoke-Virsh (@('-c', $testHosts[1].Uri, 'migrate') + $virshFlags + @('bench-live', $testHosts[0].Uri))
    $moveMs = @(); $virshMs = @(); $downtime = @(); $virshDowntime = @()
    foreach ($i in 1..$Repeats) {
        $moved = $null
        $moveMs += Measure-Ms { $script:moved = Get-VM bench-live -Server $servers[0] | Move-VM -Destination kvm02 -Confirm:$false }
        $downtime += $script:moved.Migration.DowntimeMs
        $virshMs += Measure-Ms { Invoke-Virsh (@('-c', $testHosts[1].Uri, 'migrate') + $virshFlags + @('bench-live', $testHosts[0].Uri)) }
        $info = & virsh -q -c $testHosts[0].Uri domjobinfo bench-live --completed 2>$null
        $virshDowntime += [int](($info | Select-String 'Total downtime:\s+(\d+)').Matches[0].Groups[1].Value)
    }
    $m = Get-Median $moveMs; $v = Get-Median $virshMs; $d = Get-Median $downtime; $vd = Get-Median $virshDowntime
    Write-BenchTable "Live migration of an idle 256 MiB guest between two real test hosts ($(if (Test-Path /dev/kvm) { 'KVM' } else { 'TCG' }); medians of $Repeats)" @(
        [pscustomobject]@{ Figure = 'Move-VM wall time'; Ms = [math]::Round($m); Reference = 'virsh migrate --live --p2p'; RefMs = [math]::Round($v); Ratio = [math]::Round($m / $v, 2); Target = '<= 1.2x'; Met = ($m / $v) -le 1.2 }
        [pscustomobject]@{ Figure = 'downtime (libvirt)'; Ms = $d; Reference = 'virsh run downtime'; RefMs = $vd; Ratio = if ($vd) { [math]::Round($d / $vd, 2) } else { $null }; Target = '<= 50 ms'; Met = $d -le 50 }
    )

    # 2. Evacuate kvm01 (8 guests) to kvm02 and kvm03; then the same 8 moved back by serial virsh calls.
    Invoke-Virsh @('-c', $testHosts[0].Uri, 'destroy', 'bench-live')
    Invoke-Virsh @('-c', $testHosts[0].Uri, 'undefine', 'bench-live')
    $null = New-Cluster -Name BenchEvac -VMHost (Get-VMHost kvm01, kvm02, kvm03)
    $names = 1..$EvacuateCount | ForEach-Object { 'bench-evac{0:d2}' -f $_ }
    foreach ($n in $names) { New-TestGuest -TestHost $testHosts[0] -Name $n -MemoryMiB 64 }
    $evacMs = Measure-Ms { $null = Set-VMHost kvm01 -State Maintenance -Evacuate -Confirm:$false }
    $left = @(Get-VM -Server $servers[0] | Where-Object PowerState -eq PoweredOn).Count
    if ($left -ne 0) { throw "Evacuation left $left running VM(s) on kvm01." }
    $null = Set-VMHost kvm01 -State Connected -Confirm:$false
    # Bring them back to kvm01 with virsh, one after the other, timing the serial moves.
    $placed = foreach ($n in $names) { [pscustomobject]@{ Name = $n; From = (Get-VM $n).VMHostName } }
    $serialMs = Measure-Ms {
        foreach ($p in $placed) {
            $from = $testHosts | Where-Object Name -eq $p.From
            Invoke-Virsh (@('-c', $from.Uri, 'migrate') + $virshFlags + @($p.Name, $testHosts[0].Uri))
        }
    }
    Write-BenchTable "Evacuating a host of $EvacuateCount running 64 MiB guests to 2 others" @(
        [pscustomobject]@{ Figure = 'Set-VMHost -State Maintenance -Evacuate'; Ms = [math]::Round($evacMs); Reference = "$EvacuateCount serial virsh migrate"; RefMs = [math]::Round($serialMs); Ratio = [math]::Round($evacMs / $serialMs, 2); Target = 'faster than serial'; Met = $evacMs -lt $serialMs }
    )
}
finally {
    Disconnect-VIServer * -Confirm:$false -ErrorAction SilentlyContinue
    $testHosts | Stop-TestHost
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
