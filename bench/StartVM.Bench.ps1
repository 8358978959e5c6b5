<#
.SYNOPSIS
    `Get-VM -Server $lab | Start-VM` over 1,000 stopped VMs on 10 simulated hosts: VMs per second with the default
    throttle, against a serial run of the same operations (-ThrottleLimit 1) and against the raw libvirt calls in a
    minimal C loop (bench/raw/startvm_raw.c). Target: at least 80 % of the raw loop's throughput.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/VIToolkit/VIToolkit.psd1'),
    [int] $HostCount = 10,
    [int] $VMsPerHost = 100,
    [int] $Repeats = 3
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
Import-Module $ModulePath -Force

$work = Join-Path ([System.IO.Path]::GetTempPath()) "vitoolkit-bench-startvm-$PID"
$null = New-Item -ItemType Directory -Force $work
try {
    $raw = Join-Path $work 'startvm_raw'
    & gcc -O2 -o $raw (Join-Path $PSScriptRoot 'raw/startvm_raw.c') -lvirt
    if ($LASTEXITCODE -ne 0) { throw 'Could not compile bench/raw/startvm_raw.c (needs gcc and libvirt-dev).' }
    $total = $HostCount * $VMsPerHost

    # Each run starts from a freshly built lab (rebuilding reconnects, so every VM is stopped again).
    function New-StoppedLab { New-VILab -HostCount $HostCount -VMsPerHost $VMsPerHost -Path (Join-Path $work 'lab') -PowerState PoweredOff }
    function Measure-Start([int] $Throttle, [switch] $WithGetVM) {
        $lab = New-StoppedLab
        if ($WithGetVM) {
            $ms = Measure-Ms { $script:out = Get-VM -Server $lab | Start-VM -Confirm:$false -ThrottleLimit $Throttle }
        } else {
            $vms = Get-VM -Server $lab
            $ms = Measure-Ms { $script:out = $vms | Start-VM -Confirm:$false -ThrottleLimit $Throttle }
        }
        $on = @($script:out | Where-Object PowerState -eq 'PoweredOn').Count
        if ($on -ne $total) { throw "Start-VM started $on of $total VMs." }
        return $ms
    }

    $null = Measure-Start -Throttle 16   # warm-up
    $parallel = foreach ($i in 1..$Repeats) { Measure-Start -Throttle 16 }
    $pipeline = foreach ($i in 1..$Repeats) { Measure-Start -Throttle 16 -WithGetVM }
    $serial = foreach ($i in 1..$Repeats) { Measure-Start -Throttle 1 }
    $lab = New-StoppedLab
    $rawRuns = foreach ($i in 1..$Repeats) {
        $out = & $raw @($lab.Uri)
        if ($out -notmatch 'started=(\d+) ms=([\d.]+)') { throw "Unexpected raw output: $out" }
        if ([int]$Matches[1] -ne $total) { throw "Raw loop started $($Matches[1]) of $total." }
        [double]$Matches[2]
    }

    $rate = { param($ms) [math]::Round($total / ($ms / 1000)) }
    $rawRate = & $rate (Get-Median $rawRuns)
    $rows = @(
        [pscustomobject]@{ Figure = '$vms | Start-VM (default throttle 16)'; 'VMs/s' = & $rate (Get-Median $parallel); Reference = 'raw C loop'; 'Ref VMs/s' = $rawRate; Ratio = [math]::Round((& $rate (Get-Median $parallel)) / $rawRate, 2); Target = '>= 0.80'; Met = (& $rate (Get-Median $parallel)) -ge 0.8 * $rawRate }
        [pscustomobject]@{ Figure = 'Get-VM -Server $lab | Start-VM'; 'VMs/s' = & $rate (Get-Median $pipeline); Reference = 'raw C loop'; 'Ref VMs/s' = $rawRate; Ratio = [math]::Round((& $rate (Get-Median $pipeline)) / $rawRate, 2); Target = '>= 0.80'; Met = (& $rate (Get-Median $pipeline)) -ge 0.8 * $rawRate }
        [pscustomobject]@{ Figure = '$vms | Start-VM -ThrottleLimit 1 (serial)'; 'VMs/s' = & $rate (Get-Median $serial); Reference = 'raw C loop'; 'Ref VMs/s' = $rawRate; Ratio = [math]::Round((& $rate (Get-Median $serial)) / $rawRate, 2); Target = 'for comparison'; Met = $null }
    )
    Write-BenchTable "Start-VM over $total stopped VMs on $HostCount simulated hosts (medians of $Repeats runs)" $rows
}
finally {
    Disconnect-VIServer * -Confirm:$false -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
