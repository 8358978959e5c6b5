<#
.SYNOPSIS
    200 Set-Cluster calls from 4 pwsh processes at once against one store (a SQLite file of its own, or -Store: a
    path or a PostgreSQL connection string): counts lost updates (target 0) from the revision counters, and prints the
    throughput beside the same 200 calls made by one process. Every update is one transaction under the store's write
    lock (BEGIN IMMEDIATE on SQLite, an advisory lock on PostgreSQL).
#>
param(
    [string] $ModulePath = (Join-Path $PSScriptRoot '../out/VIToolkit/VIToolkit.psd1'),
    [int] $Processes = 4,
    [int] $CallsPerProcess = 50,
    # The store to measure (never the user's): a SQLite file in a temporary folder unless given.
    [string] $Store
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot 'BenchCommon.psm1') -Force
Import-Module $ModulePath -Force
$ModulePath = (Resolve-Path $ModulePath).Path

$work = Join-Path ([System.IO.Path]::GetTempPath()) "vitoolkit-bench-inventory-$PID"
$null = New-Item -ItemType Directory -Force $work
if (-not $Store) { $Store = Join-Path $work 'vitoolkit.db' }
$env:VITOOLKIT_STORE = $Store   # the children inherit it
try {
    $null = New-Cluster -Name Prod
    $total = $Processes * $CallsPerProcess
    $worker = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$ModulePath'
foreach (`$i in 1..$CallsPerProcess) { `$null = Set-Cluster Prod -HAFailoverLevel ((`$i % 3) + 1) -Confirm:`$false }
"@
    $before = (Get-Cluster Prod).Revision
    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    $jobs = foreach ($p in 1..$Processes) {
        Start-Process -FilePath (Get-Process -Id $PID).Path -PassThru -NoNewWindow -ArgumentList @(
            if ([System.IO.Path]::GetFileNameWithoutExtension((Get-Process -Id $PID).Path) -eq 'dotnet') { (Join-Path $PSHOME 'pwsh.dll') }
            '-NoProfile', '-NonInteractive', '-Command', $worker)
    }
    $jobs | Wait-Process
    $concurrentMs = $clock.Elapsed.TotalMilliseconds
    $failedProcesses = @($jobs | Where-Object ExitCode -ne 0).Count
    $after = (Get-Cluster Prod).Revision
    $applied = $after - $before
    $lost = $total - $applied

    $before = $after
    $serialMs = Measure-Ms { Invoke-ChildPwsh -NoProfile -NonInteractive -Command ($worker -replace "1\.\.$CallsPerProcess", "1..$total") }
    $serialApplied = (Get-Cluster Prod).Revision - $before

    $kind = ([VIToolkit.Core.Store.StoreLocation]::Parse($Store)).Kind
    Write-BenchTable "Store ($kind): $total Set-Cluster calls from $Processes processes at once" @(
        [pscustomobject]@{ Figure = 'updates applied (concurrent)'; Value = $applied; Reference = 'calls made'; RefValue = $total; 'Lost updates' = $lost; 'Failed processes' = $failedProcesses; Target = '0 lost'; Met = $lost -eq 0 -and $failedProcesses -eq 0 }
        [pscustomobject]@{ Figure = "$Processes processes, wall ms"; Value = [math]::Round($concurrentMs); Reference = "1 process, $total calls, wall ms"; RefValue = [math]::Round($serialMs); 'Lost updates' = $total - $serialApplied; 'Failed processes' = 0; Target = 'for comparison'; Met = $null }
    )
    if ($lost -ne 0 -or $failedProcesses -ne 0) { exit 1 }
}
finally {
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
}
