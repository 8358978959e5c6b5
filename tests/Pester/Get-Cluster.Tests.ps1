BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Get-Cluster'
    $script:ErrorSuffix = ',VIToolkit.Commands.Clusters.GetClusterCommand'
    Enter-PrivateInventory   # private inventory files (TestHelpers); restored in AfterAll
}
AfterAll {
    Exit-PrivateInventory
}

Describe 'Get-Cluster parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Name', 'VMHost' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes an optional -Name by position 0 with wildcards, not from the pipeline' {
        $parameter = (Get-Command $CommandName).Parameters['Name']
        $meta = $parameter.ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeFalse
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeFalse
        $parameter.Attributes.Where({ $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count | Should -Be 1
    }

    It 'takes -VMHost from the pipeline by value' {
        $meta = (Get-Command $CommandName).Parameters['VMHost'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeFalse
        $meta.ValueFromPipeline | Should -BeTrue
    }

    It 'does not support ShouldProcess (it only reads)' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeFalse
    }

    It 'refuses -VMHost $null, @($null) and an empty name at binding: $null is neither every host nor none' {
        foreach ($value in $null, @($null), '') {
            { Get-Cluster -VMHost $value -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Clusters.GetClusterCommand'
        }
    }
}

Describe 'Get-Cluster on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 5 -VMsPerHost 3
        $script:inventory = Use-PrivateInventory 'get-cluster-lab'
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'returns nothing and no error, and creates no file, when the store does not exist yet' {
        $out = Get-Cluster -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
        Test-Path -LiteralPath (Split-Path $inventory) | Should -BeFalse
    }

    Context 'listing' {
        BeforeAll {
            $null = New-Cluster -Name 'Prod' -VMHost esx01, esx02 -HAEnabled
            $null = New-Cluster -Name 'Test' -VMHost esx03
            $null = New-Cluster -Name 'Dev' -VMHost esx04
            $null = New-Cluster -Name 'Empty'
        }

        It 'lists every cluster, in name order' {
            $out = @(Get-Cluster)
            $out.Name | Should -Be @('Dev', 'Empty', 'Prod', 'Test')
            foreach ($cluster in $out) { $cluster | Should -BeOfType ([VIToolkit.Core.Clusters.Cluster]) }
        }

        It 'gives each cluster its members and their live figures' {
            $prod = Get-Cluster -Name 'Prod'
            $prod.VMHostNames | Should -Be @('esx01', 'esx02')
            $prod.HostCount | Should -Be 2
            $prod.ConnectedHostCount | Should -Be 2
            $prod.HAEnabled | Should -BeTrue
            $prod.VMCount | Should -Be 6
            $prod.NumCpu | Should -Be 64
            $prod.MemoryTotalGB | Should -Be 512
            $usage = (Get-VMHost -Name esx01, esx02 | Measure-Object MemoryUsageGB -Sum).Sum
            $prod.MemoryUsageGB | Should -Be ([math]::Round($usage, 2))
            $empty = Get-Cluster -Name 'Empty'
            $empty.HostCount | Should -Be 0
            $empty.VMCount | Should -Be 0
            $empty.MemoryTotalGB | Should -Be 0
        }

        It 'matches wildcards case-insensitively' {
            @(Get-Cluster -Name 'p*').Name | Should -Be @('Prod')
            @(Get-Cluster -Name '*e*').Name | Should -Be @('Dev', 'Empty', 'Test')
            @(Get-Cluster -Name 'T?ST').Name | Should -Be @('Test')
            @(Get-Cluster -Name '[DT]*').Name | Should -Be @('Dev', 'Test')
        }

        It 'finds an exact name case-insensitively' {
            @(Get-Cluster -Name 'PROD').Name | Should -Be @('Prod')
            @(Get-Cluster 'prod').Name | Should -Be @('Prod')
        }

        It 'returns each cluster once when several names match it' {
            @(Get-Cluster -Name 'Prod', 'P*', '*d').Name | Should -Be @('Prod')
        }

        It 'returns nothing and no error for a wildcard that matches nothing' {
            $out = Get-Cluster -Name 'zzz*' -ErrorVariable errs
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 0
        }

        It 'writes ClusterNotFound (ObjectNotFound, target = the name) for an unknown exact name, and still returns the others' {
            $out = @(Get-Cluster -Name 'Prod', 'NoSuch', 'Dev' -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Name | Should -Be @('Dev', 'Prod')
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "ClusterNotFound$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be 'NoSuch'
        }

        It 'throws ClusterNotFound with -ErrorAction Stop' {
            { Get-Cluster -Name 'NoSuch' -ErrorAction Stop } | Should -Throw -ErrorId "ClusterNotFound$ErrorSuffix"
        }

        It 'rejects an empty name at binding' {
            { Get-Cluster -Name '' -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
        }

        It 'does not write to the inventory' {
            $before = Get-InventoryText
            $null = Get-Cluster
            $null = Get-Cluster -Name 'Prod', 'NoSuch' -ErrorAction SilentlyContinue
            Get-InventoryText | Should -BeExactly $before
        }
    }

    Context 'by host' {
        It 'gives the cluster of the hosts given with -VMHost, once' {
            @(Get-Cluster -VMHost esx01).Name | Should -Be @('Prod')
            @(Get-Cluster -VMHost esx01, esx02).Name | Should -Be @('Prod')
            @(Get-Cluster -VMHost esx01, esx04).Name | Should -Be @('Dev', 'Prod')
        }

        It 'combines -VMHost with -Name' {
            @(Get-Cluster -Name 'D*' -VMHost esx01, esx04).Name | Should -Be @('Dev')
        }

        It 'gives the cluster of hosts piped from Get-VMHost' {
            @(Get-VMHost -Name esx02 | Get-Cluster).Name | Should -Be @('Prod')
            @(Get-VMHost -Name esx03, esx04 | Get-Cluster).Name | Should -Be @('Test', 'Dev')
        }

        It 'gives nothing and no error for a host in no cluster' {
            $out = Get-VMHost -Name esx05 | Get-Cluster -ErrorVariable errs
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 0
        }

        It 'gives the cluster of a VM''s host (a VM carries its host)' {
            $vm = @(Get-VM -VMHost esx03)[0]
            @(Get-Cluster -VMHost $vm).Name | Should -Be @('Test')
        }
    }

    Context 'into other commands' {
        It 'pipes into Get-VMHost: the member hosts' {
            @(Get-Cluster -Name 'Prod' | Get-VMHost).Name | Should -Be @('esx01', 'esx02')
            @(Get-Cluster -Name 'Prod', 'Test' | Get-VMHost).Name | Sort-Object | Should -Be @('esx01', 'esx02', 'esx03')
        }

        It 'pipes into Get-VM: the VMs of the member hosts' {
            $expected = @(Get-VM -VMHost esx01, esx02).Id | Sort-Object
            $out = @(Get-Cluster -Name 'Prod' | Get-VM)
            $out.Count | Should -Be 6
            $out.Id | Sort-Object | Should -Be $expected
            ($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx01', 'esx02')
        }

        It 'gives the VMs of a cluster with Get-VM -Location (by name and by object)' {
            $expected = @(Get-VM -VMHost esx01, esx02).Id | Sort-Object
            @(Get-VM -Location 'Prod').Id | Sort-Object | Should -Be $expected
            @(Get-VM -Location (Get-Cluster -Name 'Prod')).Id | Sort-Object | Should -Be $expected
            @(Get-VM -Location 'Test').VMHostName | Sort-Object -Unique | Should -Be @('esx03')
        }

        It 'gives the hosts of a cluster with Get-VMHost -Location (by name and by object)' {
            @(Get-VMHost -Location 'Prod').Name | Should -Be @('esx01', 'esx02')
            @(Get-VMHost -Location (Get-Cluster -Name 'Dev')).Name | Should -Be @('esx04')
        }

        It 'gives nothing for an empty cluster' {
            Get-Cluster -Name 'Empty' | Get-VMHost | Should -BeNullOrEmpty
        }
    }

    Context 'with a member that is not connected' {
        BeforeAll {
            $null = New-Cluster -Name 'Partial' -VMHost esx05
            Disconnect-VIServer -Server $lab.Servers[4] -Confirm:$false
        }

        It 'still lists the member, counts it as not connected and leaves it out of the live figures' {
            $out = Get-Cluster -Name 'Partial'
            $out.HostCount | Should -Be 1
            $out.ConnectedHostCount | Should -Be 0
            $out.VMHostNames | Should -Be @('esx05')
            $out.VMCount | Should -Be 0
            $out.MemoryTotalGB | Should -Be 0
            @($out.Servers).Count | Should -Be 0
        }

        It 'warns in Get-VMHost -Location that members are not connected' {
            $out = Get-VMHost -Location 'Partial' -WarningVariable warnings -WarningAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $warnings.Count | Should -Be 1
            "$($warnings[0])" | Should -BeLike "*'Partial'*1 of 1*not connected*"
        }
    }

    Context 'a URI with a password' {
        It 'keeps the password given in -VMHost out of the error: message, target, text and category' {
            $uri = 'qemu+tcp://admin:S3cretPw@10.0.0.9/system'
            $records = @(Get-CommandError { Get-Cluster -VMHost $uri })
            $records.FullyQualifiedErrorId | Should -Contain 'VMHostNotFound,VIToolkit.Commands.Clusters.GetClusterCommand'
            $records.Count | Should -Be 1
            $records[0].TargetObject | Should -Be 'qemu+tcp://admin@10.0.0.9/system'
            foreach ($text in Get-ErrorRecordText $records) { $text | Should -Not -BeLike '*S3cretPw*' }
        }
    }
}

Describe 'Get-Cluster with an unusable inventory file' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:inventory = Use-PrivateInventory 'get-cluster-corrupt'
        $null = New-Item -ItemType Directory -Path (Split-Path $inventory) -Force
    }

    It 'throws <ErrorId> (<Category>) for <Label>, naming the file, and leaves it byte for byte as it was' -ForEach @(
        @{ Label = 'garbage'; Content = 'this is not JSON at all'; ErrorId = 'InventoryCorrupt'; Category = 'InvalidData' }
        @{ Label = 'truncated JSON'; Content = '{"schemaVersion": 1, "revision": 3, "clusters": [ {"id": "'; ErrorId = 'InventoryCorrupt'; Category = 'InvalidData' }
        @{ Label = 'an empty file'; Content = ''; ErrorId = 'InventoryCorrupt'; Category = 'InvalidData' }
        @{ Label = 'a JSON array'; Content = '[1, 2, 3]'; ErrorId = 'InventoryCorrupt'; Category = 'InvalidData' }
        @{ Label = 'no schema version'; Content = '{"clusters": []}'; ErrorId = 'InventoryCorrupt'; Category = 'InvalidData' }
        @{ Label = 'a cluster without a name'; Content = '{"schemaVersion": 1, "clusters": [ {"id": "8a0d3f4e-5b0e-4a55-9b43-1f0c2b9d7e11"} ]}'; ErrorId = 'InventoryCorrupt'; Category = 'InvalidData' }
        @{ Label = 'a newer schema version'; Content = '{"schemaVersion": 99, "revision": 1, "clusters": [], "future": {"x": 1}}'; ErrorId = 'InventoryVersionUnsupported'; Category = 'InvalidData' }
    ) {
        [System.IO.File]::WriteAllText($inventory, $Content)
        $before = [System.IO.File]::ReadAllBytes($inventory)
        $record = { Get-Cluster } | Should -Throw -ErrorId "$ErrorId$ErrorSuffix" -PassThru
        $record.CategoryInfo.Category | Should -Be $Category
        $record.TargetObject | Should -Be $inventory
        $record.Exception.Message | Should -BeLike "*$inventory*"
        $record.Exception.Message | Should -BeLike '*untouched*'
        # A command that writes refuses too, and the file is still exactly as it was.
        { New-Cluster -Name 'Overwrite' } | Should -Throw -ErrorId "$ErrorId,VIToolkit.Commands.Clusters.NewClusterCommand"
        { Get-Cluster -Name 'Any' } | Should -Throw -ErrorId "$ErrorId$ErrorSuffix"
        [System.IO.File]::ReadAllBytes($inventory) | Should -Be $before
        @(Get-ChildItem -LiteralPath (Split-Path $inventory) -Filter '*.tmp').Count | Should -Be 0
    }

    It 'names the newer schema version and what to do' {
        [System.IO.File]::WriteAllText($inventory, '{"schemaVersion": 7, "clusters": []}')
        $record = { Get-Cluster } | Should -Throw -PassThru
        $record.Exception.Message | Should -BeLike '*schema version 7*newer VIToolkit*'
        $record.Exception.Message | Should -BeLike '*VITOOLKIT_INVENTORY*'
    }

    It 'works again once the file is moved away' {
        Remove-Item -LiteralPath $inventory
        Get-Cluster | Should -BeNullOrEmpty
        $null = New-Cluster -Name 'Fresh'
        @(Get-Cluster).Name | Should -Be @('Fresh')
    }
}
