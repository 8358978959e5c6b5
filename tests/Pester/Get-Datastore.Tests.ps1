BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Get-Datastore'
}

Describe 'Get-Datastore parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Id', 'Name', 'Server', 'VMHost' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'has -VMHost with the alias Location, from the pipeline' {
        $parameter = (Get-Command $CommandName).Parameters['VMHost']
        $parameter.Aliases | Should -Contain 'Location'
        $parameter.ParameterSets['__AllParameterSets'].ValueFromPipeline | Should -BeTrue
    }

    It 'refuses -VMHost $null, @($null) and an empty name at binding: $null is neither every host nor none' {
        foreach ($value in $null, @($null), '') {
            { Get-Datastore -VMHost $value -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Inventory.GetDatastoreCommand'
        }
    }

    It 'refuses -Server $null, @($null) and an empty name at binding: $null is neither every server nor none' {
        foreach ($value in $null, @($null), '') {
            { Get-Datastore -Server $value -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Inventory.GetDatastoreCommand'
        }
    }
}

Describe 'Get-Datastore on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 10
        $script:all = @(Get-Datastore)
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    Context 'listing' {
        It 'lists the shared and the local datastore of every host' {
            $all.Count | Should -Be 6
            @($all | Where-Object Name -eq 'san01').Count | Should -Be 3
            @($all.Name | Where-Object { $_ -like 'local-*' } | Sort-Object) | Should -Be @('local-esx01', 'local-esx02', 'local-esx03')
        }

        It 'describes san01 as shared NFS storage from nas01.lab.local' {
            foreach ($ds in $all | Where-Object Name -eq 'san01') {
                $ds | Should -BeOfType ([VIToolkit.Core.Model.Datastore])
                $ds.Type | Should -Be 'netfs'
                $ds.Shared | Should -BeTrue
                $ds.Source | Should -Be 'nas01.lab.local:/export/san01'
                $ds.Path | Should -Be '/var/lib/libvirt/san01'
                $ds.State | Should -Be 'Available'
            }
        }

        It 'describes local-esxNN as an unshared directory pool of its own host' {
            foreach ($ds in $all | Where-Object Name -like 'local-*') {
                $ds.Type | Should -Be 'dir'
                $ds.Shared | Should -BeFalse
                $ds.Path | Should -Be '/var/lib/libvirt/images'
                $ds.Name | Should -Be "local-$($ds.VMHostName)"
            }
        }

        It 'reports a capacity and a free space no larger than it; VM disks take space on san01' {
            foreach ($ds in $all) {
                $ds.CapacityGB | Should -BeGreaterThan 0
                $ds.FreeSpaceGB | Should -BeGreaterOrEqual 0
                $ds.FreeSpaceGB | Should -BeLessOrEqual $ds.CapacityGB
            }
            foreach ($ds in $all | Where-Object Name -eq 'san01') {
                $ds.FreeSpaceGB | Should -BeLessThan $ds.CapacityGB
            }
        }

        It 'gives every datastore its UUID as Id and links it to its host' {
            @($all.Id | Sort-Object -Unique).Count | Should -Be 6
            foreach ($ds in $all) {
                [guid]::Parse($ds.Id).ToString('D') | Should -Be $ds.Id
                $ds.VMHost.Name | Should -Be $ds.VMHostName
                $ds.Server.Name | Should -Be $ds.VMHostName
            }
        }

        It 'lists the pools of the host files, hosts in server order and pools by name, on every call' {
            $all.VMHostName | Select-Object -Unique | Should -Be @('esx01', 'esx02', 'esx03')
            @(Get-Datastore -Server $lab.Servers[0]).Name | Should -Be @('local-esx01', 'san01')
            $expected = @(foreach ($file in Get-LabHostFile $lab) { @($file.Pools | Sort-Object Name).Uuid })
            $all.Id | Should -Be $expected
            @(Get-Datastore).Id | Should -Be $expected
        }
    }

    Context 'filters' {
        It 'returns only the datastores of the host piped in' {
            $out = @(Get-VMHost -Name 'esx01' | Get-Datastore)
            $out.Name | Sort-Object | Should -Be @('local-esx01', 'san01')
            @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx01')
        }

        It 'restricts to the servers given with -Server' {
            $out = @(Get-Datastore -Server $lab.Servers[2])
            @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx03')
        }

        It 'takes -VMHost by name' {
            @(Get-Datastore -VMHost 'esx02').VMHostName | Sort-Object -Unique | Should -Be 'esx02'
        }

        It 'binds VMHost by property name from a custom object' {
            $out = @([pscustomobject]@{ VMHost = 'esx02' } | Get-Datastore)
            $out.Count | Should -Be 2
            @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx02')
        }

        It 'finds an exact name on every host that has it' {
            $out = @(Get-Datastore -Name 'san01')
            $out.Count | Should -Be 3
            $out.VMHostName | Should -Be @('esx01', 'esx02', 'esx03')
        }

        It 'matches a wildcard case-insensitively' {
            @(Get-Datastore -Name 'SAN*').Count | Should -Be 3
            @(Get-Datastore -Name 'local-esx0[12]').Name | Should -Be @('local-esx01', 'local-esx02')
        }

        It 'returns nothing and no error for a wildcard that matches nothing' {
            $out = Get-Datastore -Name 'zzz*' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 0
        }

        It 'writes DatastoreNotFound (ObjectNotFound, target = the name) for an unknown exact name' {
            $out = Get-Datastore -Name 'nosuchds' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'DatastoreNotFound,VIToolkit.Commands.Inventory.GetDatastoreCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be 'nosuchds'
        }

        It 'treats an exact name case-sensitively: SAN01 is not san01' {
            $out = Get-Datastore -Name 'SAN01' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -Be 'DatastoreNotFound,VIToolkit.Commands.Inventory.GetDatastoreCommand'
        }

        It 'finds a datastore by Id' {
            $ds = @(Get-Datastore -Name 'san01' -Server $lab.Servers[1])[0]
            $out = @(Get-Datastore -Id $ds.Id)
            $out.Count | Should -Be 1
            $out[0].Name | Should -Be 'san01'
            $out[0].VMHostName | Should -Be 'esx02'
        }

        It 'writes DatastoreNotFound for an unknown Id' {
            $id = '00000000-0000-4000-8000-000000000002'
            $out = Get-Datastore -Id $id -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'DatastoreNotFound,VIToolkit.Commands.Inventory.GetDatastoreCommand'
            $errs[0].TargetObject | Should -Be $id
        }
    }

    Context 'a URI with a password' {
        It 'keeps the password given in -VMHost out of the error: message, target, text and category' {
            $uri = 'qemu+tcp://admin:S3cretPw@10.0.0.9/system'
            $records = @(Get-CommandError { Get-Datastore -VMHost $uri })
            $records.FullyQualifiedErrorId | Should -Contain 'VMHostNotFound,VIToolkit.Commands.Inventory.GetDatastoreCommand'
            $records.Count | Should -Be 1
            $records[0].TargetObject | Should -Be 'qemu+tcp://admin@10.0.0.9/system'
            foreach ($text in Get-ErrorRecordText $records) { $text | Should -Not -BeLike '*S3cretPw*' }
        }
    }
}

Describe 'Get-Datastore with one host down' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 2
        Disconnect-VIServer -Server $lab.Servers[0] -Confirm:$false
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'writes one HostUnreachable error and still returns the other host''s datastores' {
        $out = @(Get-Datastore -Server $lab.Servers -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'HostUnreachable,VIToolkit.Commands.Inventory.GetDatastoreCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx02')
    }
}
