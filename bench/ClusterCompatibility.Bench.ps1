<#
.SYNOPSIS
    Test-ClusterCompatibility on a 32-host simulated cluster with 20 networks and 10 shared datastores per host:
    hosts checked in parallel (default) against the same checks one host at a time (-ThrottleLimit 1).
    Target: under 2 s.
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/VIToolkit/VIToolkit.psd1'),
    [int] $HostCount = 32,
    [int] $Repeats = 5
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
Import-Module $ModulePath -Force

$work = Join-Path ([System.IO.Path]::GetTempPath()) "vitoolkit-bench-compat-$PID"
$env:VITOOLKIT_INVENTORY = Join-Path $work 'inventory.json'
try {
    $lab = New-VILab -HostCount $HostCount -VMsPerHost 10 -ExtraNetworks 17 -ExtraDatastores 9 -Path (Join-Path $work 'lab')
    $networks = @(Get-VirtualNetwork -VMHost $lab[0].Name).Count
    $datastores = @(Get-Datastore -VMHost $lab[0].Name | Where-Object Shared).Count
    $null = New-Cluster -Name Bench -VMHost $lab.Name
    $null = Test-ClusterCompatibility -Cluster Bench   # warm-up
    $parallel = foreach ($i in 1..$Repeats) { Measure-Ms { $script:results = Test-ClusterCompatibility -Cluster Bench } }
    $serial = foreach ($i in 1..$Repeats) { Measure-Ms { $null = Test-ClusterCompatibility -Cluster Bench -ThrottleLimit 1 } }
    $failed = @($script:results | Where-Object Result -eq Failed).Count
    if ($failed -ne 0) { throw "The identical lab hosts failed $failed check(s)." }
    $p = Get-Median $parallel; $s = Get-Median $serial
    Write-BenchTable "Test-ClusterCompatibility: $HostCount hosts x $networks networks x $datastores shared datastores, $(@($script:results).Count) results (medians of $Repeats)" @(
        [pscustomobject]@{ Figure = 'parallel (default ThrottleLimit 16)'; Ms = [math]::Round($p); Reference = 'serial (-ThrottleLimit 1)'; RefMs = [math]::Round($s); Ratio = [math]::Round($p / $s, 2); Target = '< 2000 ms'; Met = $p -lt 2000 }
    )
}
finally {
    Disconnect-VIServer * -Confirm:$false -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
