BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Get-VMHost'
}

Describe 'Get-VMHost parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Id', 'Location', 'Name', 'Server', 'VM' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes -VM from the pipeline by value and by property name' {
        $meta = (Get-Command $CommandName).Parameters['VM'].ParameterSets['ByVM']
        $meta.ValueFromPipeline | Should -BeTrue
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
        $meta.IsMandatory | Should -BeTrue
    }

    It 'refuses -Location $null, @($null) and an empty name at binding: $null is neither every container nor none' {
        foreach ($value in $null, @($null), '') {
            { Get-VMHost -Location $value -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Inventory.GetVMHostCommand'
        }
    }

    It 'refuses -Server $null, @($null) and an empty name at binding: $null is neither every server nor none' {
        foreach ($value in $null, @($null), '') {
            { Get-VMHost -Server $value -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Inventory.GetVMHostCommand'
        }
    }
}

Describe 'Get-VMHost on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 10 -CpuModel 'Model A', 'Model B'
        $script:hosts = @(Get-VMHost)
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    Context 'listing' {
        It 'lists the lab hosts, in server order' {
            $hosts.Count | Should -Be 3
            $hosts.Name | Should -Be @('esx01', 'esx02', 'esx03')
        }

        It 'returns VMHost objects that are connected and simulated' {
            foreach ($vmHost in $hosts) {
                $vmHost | Should -BeOfType ([VIToolkit.Core.Model.VMHost])
                "$($vmHost.ConnectionState)" | Should -Be 'Connected'
                "$($vmHost.PowerState)" | Should -Be 'PoweredOn'
                $vmHost.Simulated | Should -BeTrue
            }
        }

        It 'reports the lab host hardware: 32 CPUs at 2600 MHz and 256 GB' {
            foreach ($vmHost in $hosts) {
                $vmHost.NumCpu | Should -Be 32
                $vmHost.CpuMhz | Should -Be 2600
                $vmHost.CpuTotalMhz | Should -Be (32 * 2600)
                $vmHost.MemoryTotalGB | Should -Be 256
            }
        }

        It 'reports a memory usage between zero and the total, at least the memory of the powered-on VMs' {
            foreach ($vmHost in $hosts) {
                $poweredOnMB = (Get-VM -Server $vmHost.Server | Where-Object PowerState -eq 'PoweredOn' | Measure-Object MemoryMB -Sum).Sum
                $vmHost.MemoryUsageGB | Should -Not -BeNullOrEmpty
                $vmHost.MemoryUsageGB | Should -BeGreaterThan 0
                $vmHost.MemoryUsageGB | Should -BeLessOrEqual $vmHost.MemoryTotalGB
                $vmHost.MemoryUsageGB | Should -BeGreaterOrEqual ([math]::Round($poweredOnMB / 1024, 3))
            }
        }

        It 'cycles the CPU models given to New-VILab over the hosts' {
            $hosts.ProcessorType | Should -Be @('Model A', 'Model B', 'Model A')
        }

        It 'counts the host''s VMs, and as powered on those its host file has running' {
            $files = @(Get-LabHostFile $lab)
            $hosts.VMCount | Should -Be @(10, 10, 10)
            $hosts.PoweredOnVMCount | Should -Be @($files | ForEach-Object { @($_.Domains | Where-Object PoweredOn).Count })
            @($hosts | Where-Object { $_.PoweredOnVMCount -in 0, 10 }) | Should -BeNullOrEmpty -Because 'the lab has VMs in every power state on every host'
        }

        It 'gives each host a distinct Id, the same in another session' {
            @($hosts.Id | Sort-Object -Unique).Count | Should -Be 3
            $uris = ($lab.Servers.Uri | ForEach-Object { "'$_'" }) -join ', '
            $other = Invoke-ChildPwsh -Command "Import-Module '$(Get-ModuleUnderTestPath)' -ErrorAction Stop; foreach (`$uri in $uris) { (Get-VMHost -Server (Connect-VIServer `$uri -NotDefault)).Id }"
            $other.StdErr | Should -BeNullOrEmpty
            $other.StdOut | Should -Be $hosts.Id
        }

        It 'restricts to the servers given with -Server' {
            $out = @(Get-VMHost -Server $lab.Servers[1])
            $out.Name | Should -Be @('esx02')
            $out[0].Server | Should -Be $lab.Servers[1]
        }
    }

    Context 'by name and Id' {
        It 'finds an exact name' {
            @(Get-VMHost -Name 'esx02').Name | Should -Be @('esx02')
        }

        It 'matches host names case-insensitively, as DNS names' {
            @(Get-VMHost -Name 'ESX02').Name | Should -Be @('esx02')
        }

        It 'matches a wildcard' {
            @(Get-VMHost -Name 'esx0[13]').Name | Should -Be @('esx01', 'esx03')
            @(Get-VMHost -Name 'ESX*').Count | Should -Be 3
        }

        It 'returns nothing and no error for a wildcard that matches nothing' {
            $out = Get-VMHost -Name 'zzz*' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 0
        }

        It 'writes VMHostNotFound (ObjectNotFound, target = the name) for an unknown exact name' {
            $out = @(Get-VMHost -Name 'esx01', 'nosuchhost' -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Name | Should -Be @('esx01')
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'VMHostNotFound,VIToolkit.Commands.Inventory.GetVMHostCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be 'nosuchhost'
        }

        It 'finds a host by Id' {
            $id = $hosts[2].Id
            @(Get-VMHost -Id $id).Name | Should -Be @('esx03')
        }

        It 'writes VMHostNotFound for an unknown Id' {
            $out = Get-VMHost -Id 'no-such-id' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'VMHostNotFound,VIToolkit.Commands.Inventory.GetVMHostCommand'
            $errs[0].TargetObject | Should -Be 'no-such-id'
        }
    }

    Context 'by VM' {
        It 'gives the host of the VM piped in' {
            $vm = @(Get-VM -Server $lab.Servers[1])[0]
            $out = @($vm | Get-VMHost)
            $out.Count | Should -Be 1
            $out[0].Name | Should -Be 'esx02'
        }

        It 'gives the hosts of the VMs given with -VM, once per host' {
            $vms = @(Get-VM -Server $lab.Servers[2]) + @(Get-VM -Server $lab.Servers[0])
            @(Get-VMHost -VM $vms).Name | Sort-Object | Should -Be @('esx01', 'esx03')
        }

        It 'names each host once when many VMs are piped in' {
            $out = @(Get-VM -Server $lab.Servers | Get-VMHost)
            $out.Name | Should -Be @('esx01', 'esx02', 'esx03')
        }

        It 'takes -VM by name' {
            $name = @(Get-VM -Server $lab.Servers[2])[0].Name
            @(Get-VMHost -VM $name).Name | Should -Be @('esx03')
        }

        It 'binds VM by property name from a custom object' {
            $name = @(Get-VM -Server $lab.Servers[2])[0].Name
            $out = @([pscustomobject]@{ VM = $name } | Get-VMHost)
            $out.Name | Should -Be @('esx03')
        }
    }

    Context 'an earlier VMNotFound' {
        It 'is not reported again for a wildcard that matches nothing, $null or @($null), even after other commands' {
            Assert-NoStaleVMNotFound { param($vm) Get-VMHost -VM $vm }
        }
    }

    Context 'a VM removed since it was read' {
        It 'reads the VM again: VMNotFound (target = the VM) instead of its former host, and the other VMs still give theirs' {
            $gone = @(Get-VM -Server $lab.Servers[1])[0]
            $other = @(Get-VM -Server $lab.Servers[2])[0]
            $null = Stop-VM -VM $gone -Confirm:$false -WarningAction SilentlyContinue
            Remove-VM -VM $gone -Confirm:$false
            $out = @(Get-VMHost -VM $gone, $other -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Name | Should -Be @('esx03')
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.Inventory.GetVMHostCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject.Id | Should -Be $gone.Id
            $piped = @($gone | Get-VMHost -ErrorVariable pipedErrs -ErrorAction SilentlyContinue)
            $piped | Should -BeNullOrEmpty
            $pipedErrs.Count | Should -Be 1
        }
    }
}

Describe 'Get-VMHost with a disconnected host' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 2
        Disconnect-VIServer -Server $lab.Servers[0] -Confirm:$false
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'still returns the host, as Disconnected without live figures' {
        $out = @(Get-VMHost -Server $lab.Servers -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Name | Should -Be @('esx01', 'esx02')
        "$($out[0].ConnectionState)" | Should -Be 'Disconnected'
        "$($out[0].PowerState)" | Should -Be 'Unknown'
        $out[0].MemoryUsageGB | Should -BeNullOrEmpty
        "$($out[1].ConnectionState)" | Should -Be 'Connected'
        $errs.Count | Should -Be 0
    }
}
