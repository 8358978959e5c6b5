BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Stop-VM'
}

Describe 'Stop-VM parameters' -Tag 'Unit' {
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

Describe 'Stop-VM confirmation' {
    It 'asks for confirmation by default (it fails in a non-interactive session) and powers off with -Confirm:$false' {
        $result = Invoke-LabChildPwsh -PowerState PoweredOn -Command @'
$name = $vms[0].Name
try { $null = Stop-VM $name -ErrorAction Stop; 'asked=no' } catch { "asked=$($_.Exception.Message -like '*NonInteractive*')" }
"before=$((Get-VM $name).PowerState)"
$null = Stop-VM $name -Confirm:$false
"after=$((Get-VM $name).PowerState)"
'@
        $result.StdOut | Should -Contain 'asked=True'
        $result.StdOut | Should -Contain 'before=PoweredOn'
        $result.StdOut | Should -Contain 'after=PoweredOff'
    }
}

Describe 'Stop-VM on a lab of running VMs' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 6 -PowerState PoweredOn
        $script:names = @(Get-VM).Name
        function script:Get-State([string] $Name) { "$((Get-VM -Name $Name -ErrorAction Stop).PowerState)" }
        function script:Reset-On([string[]] $Name) { $null = Start-VM -VM $Name -WarningAction SilentlyContinue }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'powers off a VM given as an object and outputs it powered off' {
        $vm = Get-VM $names[0]
        $out = @(Stop-VM -VM $vm -Confirm:$false)
        $out.Count | Should -Be 1
        $out[0].Id | Should -Be $vm.Id
        "$($out[0].PowerState)" | Should -Be 'PoweredOff'
        Get-State $names[0] | Should -Be 'PoweredOff'
        Reset-On $names[0]
    }

    It 'powers off VMs by name, by wildcard and from the pipeline' {
        $null = Stop-VM $names[1] -Confirm:$false
        Get-State $names[1] | Should -Be 'PoweredOff'

        $prefix = $names[2].Substring(0, $names[2].Length - 2)
        $matching = @(Get-VM "$prefix*")
        $out = @(Get-VM "$prefix*" | Stop-VM -Confirm:$false)
        $out.Id | Should -Be $matching.Id
        @(Get-VM "$prefix*" | Where-Object PowerState -ne 'PoweredOff').Count | Should -Be 0
        Reset-On (@($names[1]) + $matching.Name)
    }

    It 'restricts to the servers given with -Server' {
        $out = @(Stop-VM '*' -Server $lab.Servers[0] -Confirm:$false)
        @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx01')
        @(Get-VM -Server $lab.Servers[0] | Where-Object PowerState -ne 'PoweredOff').Count | Should -Be 0
        @(Get-VM -Server $lab.Servers[1] | Where-Object PowerState -ne 'PoweredOn').Count | Should -Be 0
        Reset-On @(Get-VM -Server $lab.Servers[0]).Name
    }

    It 'changes nothing with -WhatIf' {
        $out = Stop-VM $names[3], $names[4] -WhatIf
        $out | Should -BeNullOrEmpty
        Get-State $names[3] | Should -Be 'PoweredOn'
        Get-State $names[4] | Should -Be 'PoweredOn'
    }

    It 'warns (no error) when the VM is already off, even through a stale object read while it was on' {
        $stale = Get-VM $names[5]
        "$($stale.PowerState)" | Should -Be 'PoweredOn'
        $null = Stop-VM $names[5] -Confirm:$false
        $out = @($stale | Stop-VM -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "*already powered off*"
        $out.Count | Should -Be 1
        "$($out[0].PowerState)" | Should -Be 'PoweredOff'
        Reset-On $names[5]
    }

    It 'powers off a suspended (paused) VM' {
        $null = Suspend-VM $names[6]
        $out = Stop-VM $names[6] -Confirm:$false
        "$($out.PowerState)" | Should -Be 'PoweredOff'
        Get-State $names[6] | Should -Be 'PoweredOff'
        Reset-On $names[6]
    }

    It 'discards the saved state of a VM suspended to disk: it is powered off afterwards' {
        $null = Suspend-VM $names[7] -ToDisk
        Get-State $names[7] | Should -Be 'Suspended'
        $out = Stop-VM $names[7] -Confirm:$false -WarningVariable warnings
        $warnings.Count | Should -Be 0
        "$($out.PowerState)" | Should -Be 'PoweredOff'
        Get-State $names[7] | Should -Be 'PoweredOff'
        Reset-On $names[7]
    }

    It 'stops every VM piped in, in input order, with -ThrottleLimit 1' {
        $all = @(Get-VM)
        $out = @($all | Stop-VM -ThrottleLimit 1 -Confirm:$false)
        $out.Id | Should -Be $all.Id
        @(Get-VM | Where-Object PowerState -ne 'PoweredOff').Count | Should -Be 0
        Reset-On $all.Name
    }

    It 'with -RunAsync returns one task per VM at once, and Wait-Task turns them into the VMs, powered off' {
        $vms = @($names[0], $names[1] | ForEach-Object { Get-VM -Name $_ })
        $tasks = @(Stop-VM -VM $vms -RunAsync -Confirm:$false)
        $tasks.Count | Should -Be 2
        foreach ($task in $tasks) {
            $task | Should -BeOfType ([VIToolkit.Core.Tasks.VITask])
            $task.Name | Should -Be 'Stop-VM'
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
            Assert-NoStaleVMNotFound { param($vm) Stop-VM -VM $vm -Confirm:$false }
        }
    }
}
