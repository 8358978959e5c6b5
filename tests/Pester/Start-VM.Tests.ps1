BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Start-VM'
}

Describe 'Start-VM parameters' -Tag 'Unit' {
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

    It 'limits -ThrottleLimit to 1..256' {
        $range = (Get-Command $CommandName).Parameters['ThrottleLimit'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        $range.Count | Should -Be 1
        $range[0].MinRange | Should -Be 1
        $range[0].MaxRange | Should -Be 256
    }

    It 'supports ShouldProcess with ConfirmImpact Medium (no prompt by default)' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Medium'
    }
}

Describe 'Start-VM on a lab of powered-off VMs' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 6 -PowerState PoweredOff
        $script:names = @(Get-VM).Name
        function script:Get-State([string] $Name) { "$((Get-VM -Name $Name -ErrorAction Stop).PowerState)" }
        function script:Reset-Off([string[]] $Name) { $null = Stop-VM -VM $Name -Confirm:$false -WarningAction SilentlyContinue }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    Context 'choosing VMs' {
        It 'starts a VM given as an object and returns it, fresh, powered on' {
            $vm = Get-VM -Name $names[0]
            $out = @(Start-VM -VM $vm)
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType ([VIToolkit.Core.Model.VirtualMachine])
            $out[0].Id | Should -Be $vm.Id
            "$($out[0].PowerState)" | Should -Be 'PoweredOn'
            Get-State $names[0] | Should -Be 'PoweredOn'
            Reset-Off $names[0]
        }

        It 'starts a VM given by name (by position)' {
            $out = @(Start-VM $names[1])
            $out.Name | Should -Be @($names[1])
            Get-State $names[1] | Should -Be 'PoweredOn'
            Reset-Off $names[1]
        }

        It 'starts every VM a wildcard matches, and only those' {
            $prefix = $names[0].Substring(0, $names[0].Length - 2)
            $expected = @(Get-VM "$prefix*").Name
            $out = @(Start-VM "$prefix*")
            @($out.Name | Sort-Object) | Should -Be @($expected | Sort-Object)
            foreach ($vm in Get-VM) {
                "$($vm.PowerState)" | Should -Be $(if ($vm.Name -like "$prefix*") { 'PoweredOn' } else { 'PoweredOff' })
            }
            Reset-Off $expected
        }

        It 'starts the VMs piped from Get-VM with a wildcard (Get-VM app* | Start-VM)' {
            $piped = @(Get-VM 'app*')
            $piped.Count | Should -BeGreaterThan 0
            $out = @($piped | Start-VM)
            $out.Id | Should -Be $piped.Id
            @(Get-VM 'app*' | Where-Object PowerState -ne 'PoweredOn').Count | Should -Be 0
            @(Get-VM | Where-Object PowerState -eq 'PoweredOn').Count | Should -Be $piped.Count
            Reset-Off $piped.Name
        }

        It 'takes names piped as strings' {
            $out = @($names[2], $names[3] | Start-VM)
            $out.Name | Should -Be @($names[2], $names[3])
            Get-State $names[3] | Should -Be 'PoweredOn'
            Reset-Off $names[2], $names[3]
        }

        It 'binds -VM by property name from a custom object' {
            $out = @([pscustomobject]@{ VM = $names[4] } | Start-VM)
            $out.Name | Should -Be @($names[4])
            Get-State $names[4] | Should -Be 'PoweredOn'
            Reset-Off $names[4]
        }

        It 'works on a VM once when it is given twice (by name and by object)' {
            $vm = Get-VM -Name $names[5]
            $out = @(Start-VM -VM $vm, $names[5] -WarningVariable warnings)
            $out.Count | Should -Be 1
            $warnings.Count | Should -Be 0
            Reset-Off $names[5]
        }

        It 'restricts a wildcard to the servers given with -Server (the VMs elsewhere are skipped without a message)' {
            $out = @(Start-VM -VM '*' -Server $lab.Servers[1] -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs.Count | Should -Be 0
            $out.Count | Should -Be 6
            @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx02')
            @(Get-VM -Server $lab.Servers[0] | Where-Object PowerState -ne 'PoweredOff').Count | Should -Be 0
            @(Get-VM -Server $lab.Servers[1] | Where-Object PowerState -ne 'PoweredOn').Count | Should -Be 0
            Reset-Off @(Get-VM -Server $lab.Servers[1]).Name
        }

        It 'skips a VM object of another server than -Server, without a message' {
            $vm = @(Get-VM -Server $lab.Servers[0])[0]
            $out = Start-VM -VM $vm -Server $lab.Servers[1] -ErrorVariable errs
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 0
            Get-State $vm.Name | Should -Be 'PoweredOff'
        }

        It 'does nothing, without an error, for a wildcard that matches no VM (as Get-VM)' {
            $caught = $null
            try { $out = Start-VM -VM 'zzz*' -ErrorVariable errs -ErrorAction Stop } catch { $caught = $_ }
            $caught | Should -BeNullOrEmpty -Because "Get-VM 'zzz*' gives nothing and no error; got: $caught"
            $out | Should -BeNullOrEmpty
            @(Get-VM | Where-Object PowerState -ne 'PoweredOff').Count | Should -Be 0
        }

        It 'outputs the VMs in the order the names were given, not in host or name order' {
            $given = $names[7], $names[0], $names[11], $names[3]
            $out = @(Start-VM -VM $given)
            $out.Name | Should -Be $given
            Reset-Off $given
        }

        It 'keeps the order given across exact names and wildcards (a wildcard''s matches by host, then by name)' {
            $prefix = $names[6].Substring(0, 3)
            $matching = @(Get-VM "$prefix*" | Where-Object Name -ne $names[9])
            $out = @(Start-VM -VM $names[9], "$prefix*")
            $out.Name | Should -Be (@($names[9]) + $matching.Name)
            Reset-Off $out.Name
        }

        It 'writes the VMNotFound errors of a batch in the order the names were given' {
            $out = @(Start-VM -VM 'nosuch-b', $names[1], 'nosuch-a' -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Name | Should -Be @($names[1])
            @($errs.TargetObject) | Should -Be @('nosuch-b', 'nosuch-a')
            Reset-Off $names[1]
        }

        It 'writes one non-terminating VMNotFound for a name that matches no VM, and starts the others' {
            $out = @(Start-VM -VM $names[0], 'nosuchvm' -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.VMs.StartVMCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be 'nosuchvm'
            $out.Name | Should -Be @($names[0])
            Get-State $names[0] | Should -Be 'PoweredOn'
            $null = Stop-VM $names[0] -Confirm:$false
        }
    }

    Context 'states' {
        It 'warns, without an error, when the VM is already running, and still outputs it' {
            $null = Start-VM $names[0]
            $out = @(Start-VM $names[0] -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
            $errs.Count | Should -Be 0
            $warnings.Count | Should -Be 1
            "$($warnings[0])" | Should -BeLike "*'$($names[0])'*already powered on*"
            $out.Count | Should -Be 1
            $out[0].Name | Should -Be $names[0]
            "$($out[0].PowerState)" | Should -Be 'PoweredOn'
            Reset-Off $names[0]
        }

        It 'resumes a suspended (paused) VM' {
            $null = Start-VM $names[1]
            $null = Suspend-VM $names[1]
            Get-State $names[1] | Should -Be 'Suspended'
            $out = Start-VM $names[1] -WarningVariable warnings
            $warnings.Count | Should -Be 0
            "$($out.PowerState)" | Should -Be 'PoweredOn'
            (Get-VM $names[1]).State | Should -Be 'Running'
            Reset-Off $names[1]
        }

        It 'restores a VM suspended to disk' {
            $null = Start-VM $names[2]
            $null = Suspend-VM $names[2] -ToDisk
            Get-State $names[2] | Should -Be 'Suspended'
            (Get-VM $names[2]).State | Should -Be 'ShutOff'
            $out = Start-VM $names[2]
            "$($out.PowerState)" | Should -Be 'PoweredOn'
            Get-State $names[2] | Should -Be 'PoweredOn'
            Reset-Off $names[2]
        }

        It 'changes nothing with -WhatIf' {
            $out = Start-VM $names[3], $names[4] -WhatIf
            $out | Should -BeNullOrEmpty
            Get-State $names[3] | Should -Be 'PoweredOff'
            Get-State $names[4] | Should -Be 'PoweredOff'
        }

        It 'starts a stale object (read while the VM was on, then stopped elsewhere): the VM is re-read by UUID' {
            $vm = Start-VM $names[5]
            "$($vm.PowerState)" | Should -Be 'PoweredOn'
            $null = Stop-VM $names[5] -Confirm:$false
            Get-State $names[5] | Should -Be 'PoweredOff'
            $out = $vm | Start-VM -WarningVariable warnings
            $warnings.Count | Should -Be 0
            "$($out.PowerState)" | Should -Be 'PoweredOn'
            Get-State $names[5] | Should -Be 'PoweredOn'
            Reset-Off $names[5]
        }
    }

    Context 'in the background (-RunAsync)' {
        It 'returns one task per VM at once, and Wait-Task turns them into the VMs, powered on' {
            $vms = @($names[0], $names[1] | ForEach-Object { Get-VM -Name $_ })
            $tasks = @(Start-VM -VM $vms -RunAsync -ErrorVariable errs)
            $errs.Count | Should -Be 0
            $tasks.Count | Should -Be 2
            foreach ($task in $tasks) {
                $task | Should -BeOfType ([VIToolkit.Core.Tasks.VITask])
                $task.Name | Should -Be 'Start-VM'
            }
            $tasks.Target.Id | Should -Be $vms.Id
            $out = @($tasks | Wait-Task)
            $out.Id | Should -Be $vms.Id
            foreach ($vm in $out) { "$($vm.PowerState)" | Should -Be 'PoweredOn' }
            @($tasks.State | ForEach-Object { "$_" }) | Should -Be @('Success', 'Success')
            Get-State $names[0] | Should -Be 'PoweredOn'
            Get-State $names[1] | Should -Be 'PoweredOn'
            Get-State $names[2] | Should -Be 'PoweredOff'
            Reset-Off $names[0], $names[1]
        }

        It 'starts no task with -WhatIf' {
            Start-VM $names[0] -RunAsync -WhatIf | Should -BeNullOrEmpty
            Get-State $names[0] | Should -Be 'PoweredOff'
        }
    }

    Context 'an earlier VMNotFound' {
        It 'is not reported again for a wildcard that matches nothing, $null or @($null), even after other commands' {
            Assert-NoStaleVMNotFound { param($vm) Start-VM -VM $vm }
        }
    }
}

Describe 'Start-VM in bulk (3 hosts x 20 powered-off VMs)' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 20 -PowerState PoweredOff
        function script:Stop-All { $null = Get-VM | Stop-VM -Confirm:$false -WarningAction SilentlyContinue }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'starts all 60 and outputs them in input order' {
        $all = @(Get-VM)
        $all.Count | Should -Be 60
        @($all | Where-Object PowerState -ne 'PoweredOff').Count | Should -Be 0
        $out = @($all | Start-VM -Confirm:$false)
        $out.Count | Should -Be 60
        $out.Id | Should -Be $all.Id
        @($out | Where-Object PowerState -ne 'PoweredOn').Count | Should -Be 0
        @(Get-VM | Where-Object PowerState -eq 'PoweredOn').Count | Should -Be 60
    }

    It 'keeps input order with -ThrottleLimit 1 and with a reversed input' {
        Stop-All
        $all = @(Get-VM)
        [array]::Reverse($all)
        $out = @(Start-VM -VM $all -ThrottleLimit 1 -Confirm:$false)
        $out.Id | Should -Be $all.Id
        @(Get-VM | Where-Object PowerState -eq 'PoweredOn').Count | Should -Be 60
    }

    It 'writes exactly one non-terminating VMNotFound for a VM removed meanwhile; the others start' {
        Stop-All
        $all = @(Get-VM)
        $gone = $all[17]
        Remove-VM -VM $gone -Confirm:$false
        $out = @($all | Start-VM -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.VMs.StartVMCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject.Id | Should -Be $gone.Id
        $out.Count | Should -Be 59
        $out.Id | Should -Be @($all | Where-Object Id -ne $gone.Id).Id
        @(Get-VM | Where-Object PowerState -eq 'PoweredOn').Count | Should -Be 59
    }
}

Describe 'Start-VM with a second lab connected with -NotDefault' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 1 -VMsPerHost 3 -PowerState PoweredOff
        # Another seed: other UUIDs, but the same VM names, on a server that is not a default server.
        $script:other = New-TestLab -HostCount 1 -VMsPerHost 3 -PowerState PoweredOff -NotDefault -Seed 7 -HostPrefix 'other'
    }
    AfterAll {
        Remove-TestLab $script:other
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'resolves names on the default servers only, as Get-VM does' {
        $name = @(Get-VM)[0].Name
        @(Get-VM -Server $other.Servers -Name $name).Count | Should -Be 1
        $out = @(Start-VM $name)
        @($out.VMHostName) | Should -Be @('esx01')
        "$((Get-VM -Server $other.Servers -Name $name).PowerState)" | Should -Be 'PoweredOff'
    }

    It 'acts on the non-default server when it is named with -Server' {
        $name = @(Get-VM)[1].Name
        $out = @(Start-VM $name -Server $other.Servers)
        @($out.VMHostName) | Should -Be @('other01')
        "$((Get-VM -Server $other.Servers -Name $name).PowerState)" | Should -Be 'PoweredOn'
        "$((Get-VM -Name $name).PowerState)" | Should -Be 'PoweredOff'
    }
}

Describe 'Start-VM with VMs that have the same UUID on two hosts' {
    BeforeAll {
        Reset-DefaultVIServer
        # Same seed: both labs define the same VMs with the same UUIDs (as a VM defined on two hosts of a cluster).
        $script:lab = New-TestLab -HostCount 1 -VMsPerHost 3 -PowerState PoweredOff
        $script:twin = New-TestLab -HostCount 1 -VMsPerHost 3 -PowerState PoweredOff -HostPrefix 'twin'
    }
    AfterAll {
        Remove-TestLab $script:twin
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'starts the VM on each host (a VM is its host and its UUID, not its UUID alone)' {
        $vms = @(Get-VM -Server $lab.Servers[0], $twin.Servers[0])
        $vms.Count | Should -Be 6
        @($vms.Id | Sort-Object -Unique).Count | Should -Be 3
        $out = @($vms | Start-VM)
        $out.Count | Should -Be 6
        @(Get-VM -Server $twin.Servers[0] | Where-Object PowerState -eq 'PoweredOn').Count | Should -Be 3
    }
}
