<#
.SYNOPSIS
    Module import cost: `pwsh -NoProfile -c 'Import-Module …'` against `pwsh -NoProfile -c …` that imports nothing,
    alternated, medians. Target: at most 0.3 s more (PowerCLI's import was measured at 67 s).
.DESCRIPTION
    Three figures: the wall time of the whole child process (the target), its CPU time (user + system, read by the
    child as it ends: steadier than the wall time on a busy machine), and the Import-Module call alone, timed inside the
    child. A child whose import fails stops the benchmark: it would otherwise look fast.
#>
param([string] $ModulePath = (Join-Path $PSScriptRoot '../out/VIToolkit/VIToolkit.psd1'), [int] $Runs = 11)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
$ModulePath = (Resolve-Path $ModulePath).Path

# Each child writes one line: its CPU time so far, and how long its import took (ms).
$report = '"$([System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime.TotalMilliseconds) $($sw.Elapsed.TotalMilliseconds)"'
$bareCommand = "`$sw = [System.Diagnostics.Stopwatch]::new(); $report"
$importCommand = "`$sw = [System.Diagnostics.Stopwatch]::StartNew(); Import-Module '$ModulePath' -ErrorAction Stop; `$sw.Stop(); $report"

function Invoke-Measured([string] $Command, $Wall, $Cpu, $Import) {
    $Wall.Add((Measure-Ms { $script:out = Invoke-ChildPwsh -NoProfile -NonInteractive -c $Command 2>&1 }))
    if ($LASTEXITCODE -ne 0 -or "$($script:out)" -notmatch '^([\d.]+) ([\d.]+)$') { throw "The child pwsh failed: $($script:out)" }
    $Cpu.Add([double]$Matches[1]); $Import.Add([double]$Matches[2])
}

$figures = foreach ($name in 'bare', 'import') {
    [pscustomobject]@{ Name = $name; Wall = [System.Collections.Generic.List[double]]::new(); Cpu = [System.Collections.Generic.List[double]]::new(); Import = [System.Collections.Generic.List[double]]::new() }
}
$bare, $import = $figures
Invoke-ChildPwsh -NoProfile -c 1 | Out-Null   # warm the disk cache for both
for ($i = 0; $i -lt $Runs; $i++) {
    Invoke-Measured $bareCommand $bare.Wall $bare.Cpu $bare.Import
    Invoke-Measured $importCommand $import.Wall $import.Cpu $import.Import
}

function New-Row([string] $Figure, [string] $Reference, [double] $Ms, [double] $RefMs) {
    [pscustomobject]@{ Figure = $Figure; Ms = [math]::Round($Ms); Reference = $Reference; RefMs = [math]::Round($RefMs); Ratio = [math]::Round($Ms / $RefMs, 2); 'Extra s' = [math]::Round(($Ms - $RefMs) / 1000, 3); Target = 'extra <= 0.300 s'; Met = ($Ms - $RefMs) -le 300 }
}
$m = Get-Median $import.Wall; $b = Get-Median $bare.Wall
Write-BenchTable "Module import ($Runs runs each, alternated; medians)" @(
    New-Row 'pwsh -NoProfile -c Import-Module VIToolkit' 'pwsh -NoProfile -c (no import)' $m $b
    New-Row '  its CPU time (user + system)' '  its CPU time' (Get-Median $import.Cpu) (Get-Median $bare.Cpu)
    [pscustomobject]@{ Figure = '  Import-Module alone, inside the child'; Ms = [math]::Round((Get-Median $import.Import)); Reference = ''; RefMs = $null; Ratio = $null; 'Extra s' = [math]::Round((Get-Median $import.Import) / 1000, 3); Target = 'extra <= 0.300 s'; Met = (Get-Median $import.Import) -le 300 }
)
