BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Suspend-VM'
}

Describe 'Suspend-VM parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'RunAsync', 'Server', 'ThrottleLimit', 'ToDisk', 'VM' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -VM by position 0, from the pipeline by value and by property name' {
        $meta = (Get-Command $CommandName).Parameters['VM'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
    }

    It 'has -ToDisk as a switch' {
        (Get-Command $CommandName).Parameters['ToDisk'].ParameterType | Should -Be ([switch])
    }

    It 'supports ShouldProcess with ConfirmImpact Medium' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Medium'
    }
}

Describe 'Suspend-VM on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 5 -PowerState PoweredOn
        $script:names = @(Get-VM).Name
        function script:Get-Fresh([string] $Name) { Get-VM -Name $Name -ErrorAction Stop }
        function script:Reset-On([string[]] $Name) { $null = Start-VM -VM $Name -WarningAction SilentlyContinue }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'pauses a running VM (by object) and outputs it Suspended' {
        $vm = Get-Fresh $names[0]
        $out = @(Suspend-VM -VM $vm)
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $vm.Id
        "$($out[0].PowerState)" | Should -Be 'Suspended'
        $now = Get-Fresh $names[0]
        "$($now.PowerState)" | Should -Be 'Suspended'
        $now.State | Should -Be 'Paused'
        Reset-On $names[0]
    }

    It 'suspends by name, by wildcard and from the pipeline' {
        $null = Suspend-VM $names[1]
        "$((Get-Fresh $names[1]).PowerState)" | Should -Be 'Suspended'
        $prefix = $names[2].Substring(0, $names[2].Length - 2)
        $matching = @(Get-VM "$prefix*")
        $out = @(Get-VM "$prefix*" | Suspend-VM)
        $out.Id | Should -Be $matching.Id
        @(Get-VM "$prefix*" | Where-Object PowerState -ne 'Suspended').Count | Should -Be 0
        Reset-On (@($names[1]) + $matching.Name)
    }

    It 'restricts to the servers given with -Server' {
        $null = Suspend-VM '*' -Server $lab.Servers[1]
        @(Get-VM -Server $lab.Servers[1] | Where-Object PowerState -ne 'Suspended').Count | Should -Be 0
        @(Get-VM -Server $lab.Servers[0] | Where-Object PowerState -ne 'PoweredOn').Count | Should -Be 0
        Reset-On @(Get-VM -Server $lab.Servers[1]).Name
    }

    It 'changes nothing with -WhatIf (also with -ToDisk)' {
        Suspend-VM $names[3] -WhatIf | Should -BeNullOrEmpty
        Suspend-VM $names[3] -ToDisk -WhatIf | Should -BeNullOrEmpty
        "$((Get-Fresh $names[3]).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'writes InvalidVMState (InvalidOperation, target = the VM) for a powered-off VM' {
        $null = Stop-VM $names[4] -Confirm:$false
        $vm = Get-Fresh $names[4]
        $out = Suspend-VM -VM $vm -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidVMState,VIToolkit.Commands.VMs.SuspendVMCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject | Should -BeOfType ([VIToolkit.Core.Model.VirtualMachine])
        $errs[0].TargetObject.Id | Should -Be $vm.Id
        "$((Get-Fresh $names[4]).PowerState)" | Should -Be 'PoweredOff'
        Reset-On $names[4]
    }

    It 'throws InvalidVMState with -ErrorAction Stop' {
        $null = Stop-VM $names[4] -Confirm:$false
        { Suspend-VM $names[4] -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidVMState,VIToolkit.Commands.VMs.SuspendVMCommand'
        Reset-On $names[4]
    }

    It 'suspends to disk with -ToDisk (Suspended, shut off with a saved state), then Start-VM restores it' {
        $out = Suspend-VM $names[5] -ToDisk
        "$($out.PowerState)" | Should -Be 'Suspended'
        $now = Get-Fresh $names[5]
        "$($now.PowerState)" | Should -Be 'Suspended'
        $now.State | Should -Be 'ShutOff'
        $started = Start-VM $names[5]
        "$($started.PowerState)" | Should -Be 'PoweredOn'
        (Get-Fresh $names[5]).State | Should -Be 'Running'
    }

    It 'saves a paused VM to disk with -ToDisk' {
        $null = Suspend-VM $names[6]
        (Get-Fresh $names[6]).State | Should -Be 'Paused'
        $null = Suspend-VM $names[6] -ToDisk
        $now = Get-Fresh $names[6]
        "$($now.PowerState)" | Should -Be 'Suspended'
        $now.State | Should -Be 'ShutOff'
        Reset-On $names[6]
    }

    It 'warns (no error) when the VM is already suspended' {
        $null = Suspend-VM $names[7]
        $out = @(Suspend-VM $names[7] -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike '*already suspended*'
        "$($out[0].PowerState)" | Should -Be 'Suspended'
        Reset-On $names[7]
    }

    It 'gives one error for the powered-off VM among several and suspends the others' {
        $null = Stop-VM $names[8] -Confirm:$false
        $out = @(Suspend-VM $names[7], $names[8], $names[9] -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].TargetObject.Name | Should -Be $names[8]
        $out.Name | Should -Be @($names[7], $names[9])
        Reset-On $names[7], $names[8], $names[9]
    }

    It 'with -RunAsync returns one task per VM at once, and Wait-Task turns them into the VMs, suspended' {
        $vms = @($names[0], $names[1] | ForEach-Object { Get-Fresh $_ })
        $tasks = @(Suspend-VM -VM $vms -RunAsync)
        $tasks.Count | Should -Be 2
        foreach ($task in $tasks) {
            $task | Should -BeOfType ([VIToolkit.Core.Tasks.VITask])
            $task.Name | Should -Be 'Suspend-VM'
        }
        $out = @($tasks | Wait-Task)
        $out.Id | Should -Be $vms.Id
        foreach ($vm in $out) { "$($vm.PowerState)" | Should -Be 'Suspended' }
        (Get-Fresh $names[0]).State | Should -Be 'Paused'
        "$((Get-Fresh $names[1]).PowerState)" | Should -Be 'Suspended'
        "$((Get-Fresh $names[2]).PowerState)" | Should -Be 'PoweredOn'
        Reset-On $names[0], $names[1]
    }

    Context 'an earlier VMNotFound' {
        It 'is not reported again for a wildcard that matches nothing, $null or @($null), even after other commands' {
            Assert-NoStaleVMNotFound { param($vm) Suspend-VM -VM $vm }
        }
    }
}
