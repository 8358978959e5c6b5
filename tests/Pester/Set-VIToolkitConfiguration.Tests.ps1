# Set-VIToolkitConfiguration is tested with Get-VIToolkitConfiguration (Get-VIToolkitConfiguration.Tests.ps1).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Set-VIToolkitConfiguration'
}

Describe 'Set-VIToolkitConfiguration parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        Get-OwnParameterName $CommandName | Should -Be @('Credential', 'ResetStore', 'Scope', 'Store')
    }
}
