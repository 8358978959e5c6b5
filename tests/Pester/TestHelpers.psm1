# Shared set-up for the Pester suite: import the laid-out module and build simulated labs in private folders.

function Import-VIToolkitUnderTest {
    $path = $env:VITOOLKIT_MODULE_PATH
    if (-not $path) { $path = Join-Path $PSScriptRoot '../../out/VIToolkit/VIToolkit.psd1' }
    Import-Module $path -Force -Global -ErrorAction Stop
}

function New-TestLab {
    param([int] $HostCount = 3, [int] $VMsPerHost = 10, [string[]] $CpuModel, [switch] $NotDefault)
    $path = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-" + [guid]::NewGuid().ToString('N'))
    $params = @{ HostCount = $HostCount; VMsPerHost = $VMsPerHost; Path = $path; NotDefault = $NotDefault }
    if ($CpuModel) { $params.CpuModel = $CpuModel }
    $servers = New-VILab @params
    [pscustomobject]@{ Path = $path; Servers = @($servers) }
}

function Remove-TestLab {
    param($Lab)
    if ($null -eq $Lab) { return }
    $Lab.Servers | Where-Object { $_.IsConnected } | Disconnect-VIServer -Confirm:$false -ErrorAction SilentlyContinue
    Remove-Item -LiteralPath $Lab.Path -Recurse -Force -ErrorAction SilentlyContinue
}

Export-ModuleMember -Function Import-VIToolkitUnderTest, New-TestLab, Remove-TestLab
