BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Restart-VM'
}

Describe 'Restart-VM parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'RunAsync', 'Server', 'ThrottleLimit', 'VM' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -VM by position 0, from the pipeline by value and by property name' {
        $meta = (Get-Command $CommandName).Parameters['VM'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
    }

    It 'supports ShouldProcess with ConfirmImpact High' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'High'
    }
}

Describe 'Restart-VM confirmation' {
    It 'asks for confirmation by default (it fails in a non-interactive session), not with -Confirm:$false' {
        $result = Invoke-LabChildPwsh -PowerState PoweredOn -Command @'
$name = $vms[0].Name
try { $null = Restart-VM $name -ErrorAction Stop; 'asked=no' } catch { "asked=$($_.Exception.Message -like '*NonInteractive*')" }
try { $out = Restart-VM $name -Confirm:$false -ErrorAction Stop; "restarted=$($out.PowerState)" } catch { "restart-error=$($_.FullyQualifiedErrorId)" }
'@
        $result.StdOut | Should -Contain 'asked=True'
        $result.StdOut | Should -Contain 'restarted=PoweredOn'
    }
}

Describe 'Restart-VM on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 4 -PowerState PoweredOn
        $script:names = @(Get-VM).Name
        function script:Get-State([string] $Name) { "$((Get-VM -Name $Name -ErrorAction Stop).PowerState)" }
        function script:Reset-On([string[]] $Name) { $null = Start-VM -VM $Name -WarningAction SilentlyContinue }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'resets a running VM (by object): no error, and it comes out still PoweredOn' {
        # The test driver supports virDomainReset; a NotSupportedByHost error here would be a finding.
        $vm = Get-VM $names[0]
        $out = @(Restart-VM -VM $vm -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $vm.Id
        "$($out[0].PowerState)" | Should -Be 'PoweredOn'
        Get-State $names[0] | Should -Be 'PoweredOn'
    }

    It 'resets the VMs piped in, restricted with -Server, and by wildcard' {
        $out = @(Get-VM | Restart-VM -Server $lab.Servers[1] -Confirm:$false)
        $out.Count | Should -Be 4
        @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx02')
        @(Get-VM | Where-Object PowerState -ne 'PoweredOn').Count | Should -Be 0
        $out = @(Restart-VM '*' -Confirm:$false)
        $out.Count | Should -Be 8
    }

    It 'changes nothing with -WhatIf (a powered-off VM stays off rather than failing)' {
        $null = Stop-VM $names[1] -Confirm:$false
        $out = Restart-VM $names[1], $names[2] -WhatIf -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
        Get-State $names[1] | Should -Be 'PoweredOff'
        Get-State $names[2] | Should -Be 'PoweredOn'
        Reset-On $names[1]
    }

    It 'writes InvalidVMState (InvalidOperation, target = the VM) for a powered-off VM and leaves it off' {
        $null = Stop-VM $names[3] -Confirm:$false
        $out = Restart-VM $names[3] -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidVMState,VIToolkit.Commands.VMs.RestartVMCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject.Name | Should -Be $names[3]
        Get-State $names[3] | Should -Be 'PoweredOff'
        Reset-On $names[3]
    }

    It 'writes InvalidVMState for a suspended VM and leaves it suspended' {
        $null = Suspend-VM $names[4]
        { Restart-VM $names[4] -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidVMState,VIToolkit.Commands.VMs.RestartVMCommand'
        Get-State $names[4] | Should -Be 'Suspended'
        Reset-On $names[4]
    }

    It 'gives one error for the powered-off VM among several and resets the others' {
        $null = Stop-VM $names[6] -Confirm:$false
        $out = @(Restart-VM $names[5], $names[6], $names[7] -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].TargetObject.Name | Should -Be $names[6]
        $out.Name | Should -Be @($names[5], $names[7])
        Reset-On $names[6]
    }

    It 'with -RunAsync returns one task per VM at once, and Wait-Task turns them into the VMs, still powered on' {
        $vms = @($names[0], $names[1] | ForEach-Object { Get-VM -Name $_ })
        $tasks = @(Restart-VM -VM $vms -RunAsync -Confirm:$false)
        $tasks.Count | Should -Be 2
        foreach ($task in $tasks) {
            $task | Should -BeOfType ([VIToolkit.Core.Tasks.VITask])
            $task.Name | Should -Be 'Restart-VM'
        }
        $out = @($tasks | Wait-Task -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Id | Should -Be $vms.Id
        foreach ($vm in $out) { "$($vm.PowerState)" | Should -Be 'PoweredOn' }
        @($tasks.State | ForEach-Object { "$_" }) | Should -Be @('Success', 'Success')
        Get-State $names[0] | Should -Be 'PoweredOn'
    }

    It 'with -RunAsync makes a powered-off VM an Error task whose InvalidVMState Wait-Task writes' {
        $null = Stop-VM $names[2] -Confirm:$false
        $task = Restart-VM $names[2] -RunAsync -Confirm:$false
        $out = Wait-Task $task -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        "$($task.State)" | Should -Be 'Error'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidVMState,VIToolkit.Commands.Migration.WaitTaskCommand'
        Get-State $names[2] | Should -Be 'PoweredOff'
        Reset-On $names[2]
    }

    Context 'an earlier VMNotFound' {
        It 'is not reported again for a wildcard that matches nothing, $null or @($null), even after other commands' {
            Assert-NoStaleVMNotFound { param($vm) Restart-VM -VM $vm -Confirm:$false }
        }
    }
}

Describe 'Restart-VM resets the VM: it does not ask the guest' {
    # What tells a reset from a guest reboot on the test driver: a guest reboot (virDomainReboot) applies the VM's
    # <on_reboot> action, a reset (virDomainReset) changes nothing. These VMs power off on a guest reboot. (QEMU differs:
    # it runs such a VM with -no-reboot and a reset powers it off too; VMRestart.Integration.Tests.ps1 tells the two
    # apart on a real QEMU host.)
    BeforeAll {
        $script:own = Connect-PowerOffOnRebootHost -Name 'offonreboot' -VMName 'offonreboot01', 'offonreboot02'
        $script:server = $own.Servers[0]
    }
    AfterAll { Remove-TestLab $script:own }

    It 'leaves a VM that powers off on a guest reboot running' {
        $out = Restart-VM offonreboot01 -Server $server -Confirm:$false -ErrorAction Stop
        "$($out.PowerState)" | Should -Be 'PoweredOn'
        "$((Get-VM offonreboot01 -Server $server).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'leaves it running with -RunAsync too' {
        $task = Restart-VM offonreboot02 -Server $server -RunAsync -Confirm:$false
        $out = Wait-Task $task -ErrorAction Stop
        "$($task.State)" | Should -Be 'Success'
        "$($out.PowerState)" | Should -Be 'PoweredOn'
        "$((Get-VM offonreboot02 -Server $server).PowerState)" | Should -Be 'PoweredOn'
    }
}
