<#
.SYNOPSIS
    Runs the Pester suite in this (fresh) pwsh against the laid-out module and writes a summary for build.ps1.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $PesterPath,
    [Parameter(Mandatory)][string] $SummaryPath,
    [string] $ResultPath,
    [switch] $SkipIntegration
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:VITOOLKIT_MODULE_PATH = (Resolve-Path $ModulePath).Path

$config = New-PesterConfiguration
$config.Run.Path = Join-Path $PSScriptRoot 'Pester'
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.Filter.ExcludeTag = if ($SkipIntegration) { @('Integration') } else { @() }
if ($ResultPath) {
    $config.TestResult.Enabled = $true
    $config.TestResult.OutputPath = $ResultPath
    $config.TestResult.OutputFormat = 'NUnitXml'
}
$result = Invoke-Pester -Configuration $config

# An Integration test that did not run where test hosts can run is a failure, not a skip: it would hide that a real-host
# test stopped working (a set-up that skips itself, a capability check gone wrong). With -SkipIntegration it was asked for.
function Test-IntegrationTest($Test) {
    if ($Test.Tag -contains 'Integration') { return $true }
    for ($block = $Test.Block; $null -ne $block; $block = $block.Parent) {
        if ($block.Tag -contains 'Integration') { return $true }
    }
    $false
}
$canRunHosts = $false
if (-not $SkipIntegration) {
    & bash (Join-Path $PSScriptRoot 'hosts/testhost.sh') can-run
    $canRunHosts = $LASTEXITCODE -eq 0
}
$integrationNotRun = @(if ($canRunHosts) {
        $result.Tests | Where-Object { $_.Result -notin 'Passed', 'Failed' -and (Test-IntegrationTest $_) } |
            ForEach-Object { "$($_.ExpandedPath) ($($_.Result))" }
    })
if ($integrationNotRun.Count -gt 0) {
    Write-Host "$($integrationNotRun.Count) Integration test(s) did not run although this machine can run test hosts (counted as failed):" -ForegroundColor Red
    $integrationNotRun | ForEach-Object { Write-Host "  $_" -ForegroundColor Red }
}

[pscustomobject]@{
    Passed            = $result.PassedCount
    Failed            = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount + $integrationNotRun.Count
    Skipped           = $result.SkippedCount
    NotRun            = $result.NotRunCount
    IntegrationNotRun = $integrationNotRun
} | ConvertTo-Json | Set-Content -Path $SummaryPath
if ($result.Result -ne 'Passed' -or $integrationNotRun.Count -gt 0) { exit 1 }
