# Import-VIInventory is tested with Export-VIInventory, whose files it reads (Export-VIInventory.Tests.ps1).
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Import-VIInventory'
}

Describe 'Import-VIInventory parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        Get-OwnParameterName $CommandName | Should -Be @('Path')
    }

    It 'asks for confirmation: it replaces everything stored (ConfirmImpact High)' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        "$($attribute.ConfirmImpact)" | Should -Be 'High'
        $attribute.SupportsShouldProcess | Should -BeTrue
    }
}
