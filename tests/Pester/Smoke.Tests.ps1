BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:lab = New-TestLab -HostCount 2 -VMsPerHost 5
}
AfterAll { Remove-TestLab $script:lab }

Describe 'Smoke' {
    It 'lists the lab VMs' {
        @(Get-VM).Count | Should -Be 10
    }
}
