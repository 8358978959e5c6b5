# The patch-window runbook (examples/Runbooks/Invoke-PatchWindow.ps1) on a simulated lab.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:runbook = Join-Path $PSScriptRoot '../../examples/Runbooks/Invoke-PatchWindow.ps1'
}

Describe 'Invoke-PatchWindow runbook' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 10
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'patches healthy VMs and leaves no snapshot behind' {
        $vms = Get-VM web* | Where-Object PowerState -eq PoweredOn
        $vms.Count | Should -BeGreaterThan 0
        $report = $vms | & $runbook -Confirm:$false
        $report.Count | Should -Be $vms.Count
        $report.Result | Sort-Object -Unique | Should -Be 'Patched'
        foreach ($vm in $vms) {
            (Get-VM -Id $vm.Id).PowerState | Should -Be 'PoweredOn'
            Get-Snapshot -VM $vm | Should -BeNullOrEmpty
        }
    }

    It 'rolls back a VM whose health check fails and keeps the snapshot' {
        $vm = Get-VM db* | Where-Object PowerState -eq PoweredOn | Select-Object -First 1
        $report = & $runbook -VM $vm -HealthCheck { param($v) $false } -Confirm:$false
        $report.Result | Should -Be 'RolledBack'
        @(Get-Snapshot -VM $vm).Name | Should -Be @($report.Snapshot)
        (Get-VM -Id $vm.Id).PowerState | Should -Be 'PoweredOn'
    }

    It 'skips VMs that are not powered on' {
        $off = Get-VM | Where-Object PowerState -eq PoweredOff | Select-Object -First 1
        $report = & $runbook -VM $off -Confirm:$false
        $report.Result | Should -Be 'Skipped'
        (Get-VM -Id $off.Id).PowerState | Should -Be 'PoweredOff'
        Get-Snapshot -VM $off | Should -BeNullOrEmpty
    }

    It 'reports a VM it cannot patch and goes on with the others' {
        $doomed, $fine = Get-VM app* | Where-Object PowerState -eq PoweredOn | Select-Object -First 2
        # The object outlives its VM: the runbook must fail on it cleanly.
        Stop-VM $doomed -Confirm:$false | Remove-VM -Confirm:$false
        $report = & $runbook -VM $doomed, $fine -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable failures
        $report.Count | Should -Be 2
        $report[0].Result | Should -Be 'Failed'
        $report[0].Detail | Should -Match 'no longer exists'
        $failures.Count | Should -BeGreaterThan 0
        $report[1].Result | Should -Be 'Patched'
    }

    It 'changes nothing with -WhatIf' {
        $vm = Get-VM cache* | Where-Object PowerState -eq PoweredOn | Select-Object -First 1
        $report = & $runbook -VM $vm -WhatIf
        $report.Result | Should -Be 'Skipped'
        Get-Snapshot -VM $vm | Should -BeNullOrEmpty
    }
}
