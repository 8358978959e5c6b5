<#
.SYNOPSIS
    Module import cost: `pwsh -NoProfile -c 'Import-Module …'` against `pwsh -NoProfile -c 1`, alternated, medians.
    Target: at most 0.3 s more (PowerCLI's import was measured at 67 s).
#>
param([string] $ModulePath = (Join-Path $PSScriptRoot '../out/VIToolkit/VIToolkit.psd1'), [int] $Runs = 11)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path

$bare = [System.Collections.Generic.List[double]]::new()
$import = [System.Collections.Generic.List[double]]::new()
Invoke-ChildPwsh -NoProfile -c 1 | Out-Null   # warm the disk cache for both
for ($i = 0; $i -lt $Runs; $i++) {
    $bare.Add((Measure-Ms { Invoke-ChildPwsh -NoProfile -c 1 | Out-Null }))
    $import.Add((Measure-Ms { Invoke-ChildPwsh -NoProfile -c "Import-Module '$ModulePath'" | Out-Null }))
}
$b = Get-Median $bare; $m = Get-Median $import
Write-BenchTable "Module import ($Runs runs each, alternated; medians)" @(
    [pscustomobject]@{ Figure = 'pwsh -NoProfile -c Import-Module VIToolkit'; Ms = [math]::Round($m); Reference = 'pwsh -NoProfile -c 1'; RefMs = [math]::Round($b); Ratio = [math]::Round($m / $b, 2); 'Extra s' = [math]::Round(($m - $b) / 1000, 3); Target = 'extra <= 0.300 s'; Met = ($m - $b) -le 300 }
)
