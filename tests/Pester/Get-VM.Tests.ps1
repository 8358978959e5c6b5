BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Get-VM'
}

Describe 'Get-VM parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Id', 'Location', 'Name', 'Server', 'VMHost' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes -Name by position 0 and supports wildcards on it' {
        $name = (Get-Command $CommandName).Parameters['Name']
        $name.ParameterSets['ByName'].Position | Should -Be 0
        $name.Attributes.Where({ $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count | Should -Be 1
    }

    It 'takes -VMHost from the pipeline by value and by property name' {
        $meta = (Get-Command $CommandName).Parameters['VMHost'].ParameterSets['__AllParameterSets']
        $meta.ValueFromPipeline | Should -BeTrue
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
    }

    It 'refuses -VMHost $null, @($null) and an empty name at binding: $null is neither every host nor none' {
        foreach ($value in $null, @($null), '') {
            { Get-VM -VMHost $value -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Inventory.GetVMCommand'
        }
    }

    It 'refuses -Location $null, @($null) and an empty name at binding: $null is neither every container nor none' {
        foreach ($value in $null, @($null), '') {
            { Get-VM -Location $value -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Inventory.GetVMCommand'
        }
    }

    It 'refuses -Server $null, @($null) and an empty name at binding: $null is neither every server nor none' {
        foreach ($value in $null, @($null), '') {
            { Get-VM -Server $value -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Inventory.GetVMCommand'
        }
    }
}

Describe 'Get-VM on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 10
        $script:all = @(Get-VM)
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    Context 'listing' {
        It 'gets every VM of every default server' {
            $all.Count | Should -Be 30
            @($all.Name | Sort-Object -Unique).Count | Should -Be 30
            @($all.VMHostName | Sort-Object -Unique) | Should -Be @('esx01', 'esx02', 'esx03')
        }

        It 'returns VirtualMachine objects with the documented properties' {
            $vm = $all[0]
            $vm | Should -BeOfType ([VIToolkit.Core.Model.VirtualMachine])
            foreach ($property in 'Name', 'PowerState', 'NumCpu', 'MemoryMB', 'MemoryGB', 'VMHost', 'VMHostName', 'Id', 'Notes') {
                $vm.PSObject.Properties.Name | Should -Contain $property
            }
        }

        It 'gives every VM a PowerCLI power state, a size and a UUID Id' {
            foreach ($vm in $all) {
                "$($vm.PowerState)" | Should -BeIn @('PoweredOn', 'PoweredOff', 'Suspended')
                $vm.NumCpu | Should -BeGreaterThan 0
                $vm.MemoryMB | Should -BeGreaterThan 0
                $vm.MemoryGB | Should -Be ([math]::Round($vm.MemoryMB / 1024, 3))
                [guid]::Parse($vm.Id).ToString('D') | Should -Be $vm.Id
            }
        }

        It 'carries the domain description as Notes' {
            (Get-VM web01).Notes | Should -Be 'web server (simulated)'
        }

        It 'links each VM to its host' {
            $vm = @(Get-VM -Server $lab.Servers[1])[0]
            $vm.VMHostName | Should -Be 'esx02'
            $vm.VMHost | Should -BeOfType ([VIToolkit.Core.Model.VMHost])
            $vm.VMHost.Name | Should -Be 'esx02'
        }

        It 'returns the VMs of the host files, hosts in server order and VMs by name, on every call' {
            $expected = @(foreach ($file in Get-LabHostFile $lab) { @($file.Domains | Sort-Object Name).Uuid })
            $expected.Count | Should -Be 30
            $all.Id | Should -Be $expected
            @(Get-VM).Id | Should -Be $expected
        }

        It 'lists hosts in server order and, within a host, VMs by name' {
            $hostOrder = @($all.VMHostName | Select-Object -Unique)
            $hostOrder | Should -Be @('esx01', 'esx02', 'esx03')
            foreach ($server in $lab.Servers) {
                $names = @(Get-VM -Server $server).Name
                $names | Should -Be @($names | Sort-Object)
            }
        }
    }

    Context 'by name' {
        It 'matches a wildcard case-insensitively' {
            $lower = @(Get-VM 'web*')
            $upper = @(Get-VM 'WEB*')
            $lower.Count | Should -BeGreaterThan 0
            $upper.Id | Should -Be $lower.Id
            $lower.Name | ForEach-Object { $_ | Should -BeLikeExactly 'web*' }
        }

        It 'supports ? and [] wildcards' {
            @(Get-VM 'web0?').Name | Should -Contain 'web01'
            @(Get-VM 'db0[12]').Name | Should -Be @('db01', 'db02')
        }

        It 'has no negation in [], as PowerShell''s wildcards: [!w]* is the names that start with ! or w' {
            $names = @(Get-VM '[!w]*').Name
            $names.Count | Should -BeGreaterThan 0
            $names | ForEach-Object { $_ | Should -BeLike 'w*' }
        }

        It 'stops with InvalidWildcardPattern for a pattern PowerShell would refuse (an unclosed [)' {
            $thrown = { Get-VM 'web[1' -ErrorAction Stop } | Should -Throw -ExpectedMessage '*wildcard character pattern is not valid: web`[1' -PassThru
            $thrown.Exception.ErrorId | Should -Be 'InvalidWildcardPattern'
        }

        It 'finds an exact name' {
            $vm = @(Get-VM -Name 'web01')
            $vm.Count | Should -Be 1
            $vm[0].Name | Should -BeExactly 'web01'
        }

        It 'treats an exact name case-sensitively: WEB01 is not web01' {
            $out = Get-VM -Name 'WEB01' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.Inventory.GetVMCommand'
        }

        It 'writes a VMNotFound error (ObjectNotFound, target = the name) for an exact name that matches nothing' {
            $out = Get-VM -Name 'nosuchvm' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.Inventory.GetVMCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be 'nosuchvm'
        }

        It 'makes VMNotFound non-terminating: the names that exist still come back' {
            $out = @(Get-VM -Name 'web01', 'nosuchvm', 'db01' -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Name | Should -Be @('web01', 'db01')
            $errs.Count | Should -Be 1
            $errs[0].TargetObject | Should -Be 'nosuchvm'
        }

        It 'throws VMNotFound when asked to stop on errors' {
            { Get-VM -Name 'nosuchvm' -ErrorAction Stop } | Should -Throw -ErrorId 'VMNotFound,VIToolkit.Commands.Inventory.GetVMCommand'
        }

        It 'returns nothing and no error for a wildcard that matches nothing' {
            $out = Get-VM -Name 'zzz*' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 0
        }

        It 'returns a VM once when its name is given twice' {
            @(Get-VM -Name 'web01', 'web01').Count | Should -Be 1
        }

        It 'gives a clean VMNotFound for a name with <Label>' -ForEach @(
            @{ Label = "XML metacharacters (<x>&')"; Name = "<x>&'" }
            @{ Label = 'a PowerShell subexpression (weird$(name))'; Name = 'weird$(name)' }
            @{ Label = 'non-ASCII letters (ümlaut-vm)'; Name = 'ümlaut-vm' }
            @{ Label = 'quotes and shell metacharacters'; Name = '"quoted" name; rm -rf / | cat && echo $HOME' }
            @{ Label = 'printf conversions (%s%n%x)'; Name = '%s%n%x' }
            @{ Label = 'a tab and a newline'; Name = "tab`tand`nnewline" }
            @{ Label = '300 characters'; Name = ('x' * 300) }
        ) {
            # Any exception other than the non-terminating VMNotFound fails the test here.
            $out = Get-VM -Name $Name -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.Inventory.GetVMCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -BeExactly $Name
        }

        It 'does not match a VM when the name only starts with its name and a NUL character' {
            # libvirt takes C strings: "web01`0x" must not be looked up as "web01".
            $out = Get-VM -Name "web01`0x" -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.Inventory.GetVMCommand'
        }
    }

    Context 'by Id' {
        It 'finds a VM by its UUID' {
            $vm = Get-VM -Name 'db01'
            $found = @(Get-VM -Id $vm.Id)
            $found.Count | Should -Be 1
            $found[0].Name | Should -Be 'db01'
            $found[0].Id | Should -Be $vm.Id
        }

        It 'accepts the UUID in upper case' {
            $vm = Get-VM -Name 'app01'
            (Get-VM -Id $vm.Id.ToUpperInvariant()).Name | Should -Be 'app01'
        }

        It 'writes InvalidVMId (InvalidArgument) for a value that is not a UUID' {
            $out = Get-VM -Id 'not-a-uuid' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidVMId,VIToolkit.Commands.Inventory.GetVMCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $errs[0].TargetObject | Should -Be 'not-a-uuid'
        }

        It 'writes VMNotFound for a well-formed UUID that no VM has' {
            $id = '00000000-0000-4000-8000-000000000001'
            $out = Get-VM -Id $id -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.Inventory.GetVMCommand'
            $errs[0].TargetObject | Should -Be $id
        }

        It 'still returns the valid Ids when one Id is invalid' {
            $vm = Get-VM -Name 'web02'
            $out = @(Get-VM -Id 'not-a-uuid', $vm.Id -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Name | Should -Be @('web02')
            $errs.Count | Should -Be 1
        }
    }

    Context 'by host and server' {
        It 'restricts to the servers given with -Server' {
            $out = @(Get-VM -Server $lab.Servers[0])
            $out.Count | Should -Be 10
            @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx01')
        }

        It 'accepts a server name for -Server' {
            @(Get-VM -Server $lab.Servers[2].Name).VMHostName | Sort-Object -Unique | Should -Be 'esx03'
        }

        It 'returns only the VMs of the host piped in (by value)' {
            $out = @(Get-VMHost -Name 'esx02' -Server $lab.Servers | Get-VM)
            $out.Count | Should -Be 10
            @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx02')
        }

        It 'takes -VMHost by name' {
            $out = @(Get-VM -VMHost 'esx03')
            $out.Count | Should -Be 10
            @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx03')
        }

        It 'binds VMHost by property name from a custom object' {
            $out = @([pscustomobject]@{ VMHost = 'esx02' } | Get-VM)
            $out.Count | Should -Be 10
            @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx02')
        }

        It 'takes a deserialized VMHost (as from a job or Import-Clixml), piped or with -VMHost' {
            $live = Get-VMHost -Name 'esx03' -Server $lab.Servers
            $deserialized = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($live, 1))
            $deserialized.PSObject.TypeNames[0] | Should -Be 'Deserialized.VIToolkit.Core.Model.VMHost'
            @($deserialized | Get-VM).VMHostName | Sort-Object -Unique | Should -Be 'esx03'
            @(Get-VM -VMHost $deserialized).VMHostName | Sort-Object -Unique | Should -Be 'esx03'
        }

        It 'combines -Name with -Server' {
            $onFirst = @(Get-VM -Server $lab.Servers[0]).Name[0]
            @(Get-VM -Name $onFirst -Server $lab.Servers[0]).Count | Should -Be 1
            $out = Get-VM -Name $onFirst -Server $lab.Servers[1] -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.Inventory.GetVMCommand'
        }
    }

    Context 'a URI with a password' {
        It 'keeps the password given in -VMHost out of the error: message, target, text and category' {
            $uri = 'qemu+tcp://admin:S3cretPw@10.0.0.9/system'
            $records = @(Get-CommandError { Get-VM -VMHost $uri })
            $records.FullyQualifiedErrorId | Should -Contain 'VMHostNotFound,VIToolkit.Commands.Inventory.GetVMCommand'
            $records.Count | Should -Be 1
            $records[0].TargetObject | Should -Be 'qemu+tcp://admin@10.0.0.9/system'
            foreach ($text in Get-ErrorRecordText $records) { $text | Should -Not -BeLike '*S3cretPw*' }
        }
    }
}

Describe 'Get-VM without servers' {
    BeforeAll { Reset-DefaultVIServer }

    It 'fails with NotConnected when there is no default server' {
        { Get-VM -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected,VIToolkit.Commands.Inventory.GetVMCommand'
    }
}

Describe 'Get-VM with one host down' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 10
        $script:downVM = @(Get-VM -Server $lab.Servers[1])[0].Name
        Disconnect-VIServer -Server $lab.Servers[1] -Confirm:$false
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'writes one HostUnreachable error and still returns the other hosts'' VMs' {
        $out = @(Get-VM -Server $lab.Servers -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'HostUnreachable,*'
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        "$($errs[0].TargetObject)" | Should -Be 'esx02'
        $out.Count | Should -Be 20
        @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx01', 'esx03')
    }

    It 'finds an exact name on the hosts that answer' {
        $out = @(Get-VM -Name 'web01' -Server $lab.Servers -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Name | Should -Be @('web01')
        @($errs | Where-Object FullyQualifiedErrorId -like 'HostUnreachable,*').Count | Should -Be 1
        @($errs | Where-Object FullyQualifiedErrorId -like 'VMNotFound,*').Count | Should -Be 0
    }

    It 'says that a host could not be searched when an exact name is not found' {
        $out = Get-VM -Name $downVM -Server $lab.Servers -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        @($errs | Where-Object FullyQualifiedErrorId -like 'HostUnreachable,*').Count | Should -Be 1
        $notFound = @($errs | Where-Object FullyQualifiedErrorId -like 'VMNotFound,*')
        $notFound.Count | Should -Be 1
        $notFound[0].Exception.Message | Should -BeLike '*could not be searched*'
    }

    It 'keeps the disconnected server out of the default servers' {
        $global:DefaultVIServers | Should -Not -Contain $lab.Servers[1]
        @(Get-VM -ErrorVariable errs -ErrorAction SilentlyContinue).Count | Should -Be 20
        $errs.Count | Should -Be 0
    }
}
