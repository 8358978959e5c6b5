BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Stop-VMGuest'
}

Describe 'Stop-VMGuest parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'RunAsync', 'Server', 'ThrottleLimit', 'TimeoutSeconds', 'VM' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -VM by position 0, from the pipeline by value and by property name' {
        $meta = (Get-Command $CommandName).Parameters['VM'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
    }

    It 'limits -TimeoutSeconds to 0..86400' {
        $range = (Get-Command $CommandName).Parameters['TimeoutSeconds'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        $range.Count | Should -Be 1
        $range[0].MinRange | Should -Be 0
        $range[0].MaxRange | Should -Be 86400
    }

    It 'supports ShouldProcess with ConfirmImpact High' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'High'
    }
}

Describe 'Stop-VMGuest confirmation' {
    It 'asks for confirmation by default (it fails in a non-interactive session)' {
        $result = Invoke-LabChildPwsh -PowerState PoweredOn -Command @'
$name = $vms[0].Name
try { $null = Stop-VMGuest $name -ErrorAction Stop; 'asked=no' } catch { "asked=$($_.Exception.Message -like '*NonInteractive*')" }
"state=$((Get-VM $name).PowerState)"
'@
        $result.StdOut | Should -Contain 'asked=True'
        $result.StdOut | Should -Contain 'state=PoweredOn'
    }
}

Describe 'Stop-VMGuest on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 5 -PowerState PoweredOn
        $script:names = @(Get-VM).Name
        function script:Get-State([string] $Name) { "$((Get-VM -Name $Name -ErrorAction Stop).PowerState)" }
        function script:Reset-On([string[]] $Name) { $null = Start-VM -VM $Name -WarningAction SilentlyContinue }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'shuts down a running VM (the test driver does it at once) and outputs it PoweredOff' {
        $vm = Get-VM $names[0]
        $out = @(Stop-VMGuest -VM $vm -Confirm:$false -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $vm.Id
        "$($out[0].PowerState)" | Should -Be 'PoweredOff'
        Get-State $names[0] | Should -Be 'PoweredOff'
        Reset-On $names[0]
    }

    It 'accepts -TimeoutSeconds 0 (does not wait) and the VM still goes down' {
        $out = Stop-VMGuest $names[1] -TimeoutSeconds 0 -Confirm:$false -ErrorVariable errs
        $errs.Count | Should -Be 0
        $out.Name | Should -Be $names[1]
        Get-State $names[1] | Should -Be 'PoweredOff'
        Reset-On $names[1]
    }

    It 'rejects -TimeoutSeconds -1 at binding' {
        { Stop-VMGuest $names[1] -TimeoutSeconds -1 -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.VMs.StopVMGuestCommand'
        Get-State $names[1] | Should -Be 'PoweredOn'
    }

    It 'shuts down the VMs a wildcard matches' {
        $prefix = $names[9].Substring(0, $names[9].Length - 2)
        $matching = @(Get-VM "$prefix*")
        $out = @(Stop-VMGuest "$prefix*" -Confirm:$false)
        $out.Id | Should -Be $matching.Id
        @(Get-VM "$prefix*" | Where-Object PowerState -ne 'PoweredOff').Count | Should -Be 0
        Reset-On $matching.Name
    }

    It 'shuts down the VMs piped in, restricted with -Server' {
        $out = @(Get-VM | Stop-VMGuest -Server $lab.Servers[1] -Confirm:$false)
        @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx02')
        @(Get-VM -Server $lab.Servers[1] | Where-Object PowerState -ne 'PoweredOff').Count | Should -Be 0
        @(Get-VM -Server $lab.Servers[0] | Where-Object PowerState -ne 'PoweredOn').Count | Should -Be 0
        Reset-On @(Get-VM -Server $lab.Servers[1]).Name
    }

    It 'changes nothing with -WhatIf' {
        Stop-VMGuest $names[2] -WhatIf | Should -BeNullOrEmpty
        Get-State $names[2] | Should -Be 'PoweredOn'
    }

    It 'warns (no error) for a powered-off VM and outputs it' {
        $null = Stop-VM $names[3] -Confirm:$false
        $out = @(Stop-VMGuest $names[3] -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*already powered off*'
        "$($out[0].PowerState)" | Should -Be 'PoweredOff'
        Reset-On $names[3]
    }

    It 'writes InvalidVMState (InvalidOperation, target = the VM) for a suspended VM and leaves it suspended' {
        $null = Suspend-VM $names[4]
        $out = Stop-VMGuest $names[4] -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidVMState,VIToolkit.Commands.VMs.StopVMGuestCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject.Name | Should -Be $names[4]
        Get-State $names[4] | Should -Be 'Suspended'
        Reset-On $names[4]
    }

    It 'writes InvalidVMState for a VM suspended to disk too (it is Suspended, not powered off)' {
        $null = Suspend-VM $names[5] -ToDisk
        Get-State $names[5] | Should -Be 'Suspended'
        $out = Stop-VMGuest $names[5] -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 0 -Because 'a warning that the VM "is already powered off" is wrong for a Suspended VM'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidVMState,VIToolkit.Commands.VMs.StopVMGuestCommand'
        $out | Should -BeNullOrEmpty
        Get-State $names[5] | Should -Be 'Suspended'
        Reset-On $names[5]
    }

    It 'gives one error for a suspended VM among several and shuts down the others, in input order' {
        $null = Suspend-VM $names[7]
        $out = @(Stop-VMGuest $names[6], $names[7], $names[8] -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].TargetObject.Name | Should -Be $names[7]
        $out.Name | Should -Be @($names[6], $names[8])
        Get-State $names[8] | Should -Be 'PoweredOff'
        Reset-On $names[6], $names[7], $names[8]
    }

    It 'with -RunAsync returns one task per VM at once, and Wait-Task turns them into the VMs, powered off' {
        $vms = @($names[0], $names[1] | ForEach-Object { Get-VM -Name $_ })
        $tasks = @(Stop-VMGuest -VM $vms -RunAsync -Confirm:$false)
        $tasks.Count | Should -Be 2
        foreach ($task in $tasks) {
            $task | Should -BeOfType ([VIToolkit.Core.Tasks.VITask])
            $task.Name | Should -Be 'Stop-VMGuest'
        }
        $out = @($tasks | Wait-Task)
        $out.Id | Should -Be $vms.Id
        foreach ($vm in $out) { "$($vm.PowerState)" | Should -Be 'PoweredOff' }
        Get-State $names[0] | Should -Be 'PoweredOff'
        Get-State $names[1] | Should -Be 'PoweredOff'
        Get-State $names[2] | Should -Be 'PoweredOn'
        Reset-On $names[0], $names[1]
    }

    Context 'an earlier VMNotFound' {
        It 'is not reported again for a wildcard that matches nothing, $null or @($null), even after other commands' {
            Assert-NoStaleVMNotFound { param($vm) Stop-VMGuest -VM $vm -Confirm:$false }
        }
    }
}
