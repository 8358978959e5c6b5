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
[pscustomobject]@{
    Passed  = $result.PassedCount
    Failed  = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
    Skipped = $result.SkippedCount
} | ConvertTo-Json | Set-Content -Path $SummaryPath
if ($result.Result -ne 'Passed') { exit 1 }
