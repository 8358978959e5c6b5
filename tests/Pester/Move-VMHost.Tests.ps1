BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Move-VMHost'
    $script:ErrorSuffix = ',VIToolkit.Commands.Clusters.MoveVMHostCommand'
    Enter-PrivateInventory   # private inventory files (TestHelpers); restored in AfterAll
    # The clusters as stored (without the document's revision, which counts writes).
    function script:Get-StoredClusters { (Read-StoredInventory).clusters | ConvertTo-Json -Depth 5 }
    function script:Get-MemberName([string] $Cluster) { @((Get-Cluster -Name $Cluster).VMHostNames) }
}
AfterAll {
    Exit-PrivateInventory
}

Describe 'Move-VMHost parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Destination', 'Force', 'NoCluster', 'VMHost' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'has the parameter sets IntoCluster (default) and OutOfCluster' {
        $command = Get-Command $CommandName
        $command.DefaultParameterSet | Should -Be 'IntoCluster'
        @($command.ParameterSets.Name | Sort-Object) | Should -Be @('IntoCluster', 'OutOfCluster')
        $command.Parameters['Destination'].ParameterSets.Keys | Should -Be @('IntoCluster')
        $command.Parameters['Force'].ParameterSets.Keys | Should -Be @('IntoCluster')
        $command.Parameters['NoCluster'].ParameterSets.Keys | Should -Be @('OutOfCluster')
    }

    It 'takes a mandatory -VMHost by position 0, from the pipeline by value, in both sets' {
        $parameter = (Get-Command $CommandName).Parameters['VMHost']
        $meta = $parameter.ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
    }

    It 'takes a mandatory -Destination by position 1 and a mandatory -NoCluster switch' {
        $parameters = (Get-Command $CommandName).Parameters
        $meta = $parameters['Destination'].ParameterSets['IntoCluster']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 1
        $parameters['NoCluster'].ParameterSets['OutOfCluster'].IsMandatory | Should -BeTrue
        $parameters['NoCluster'].ParameterType | Should -Be ([switch])
        $parameters['Force'].ParameterType | Should -Be ([switch])
    }

    It 'supports ShouldProcess with ConfirmImpact Medium' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Medium'
    }
}

Describe 'Move-VMHost on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        # esx04 has the seed's near-miss network name (Private_172.17 where the others have Priv172.17); esx05 another CPU.
        $path = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-" + [guid]::NewGuid().ToString('N'))
        $servers = New-VILab -HostCount 6 -VMsPerHost 2 -Path $path -NetworkRename @{ esx04 = @{ 'Priv172.17' = 'Private_172.17' } } `
            -CpuModel 'Intel Xeon Gold 6130', 'Intel Xeon Gold 6130', 'Intel Xeon Gold 6130', 'Intel Xeon Gold 6130', 'AMD EPYC 7302', 'Intel Xeon Gold 6130'
        $script:lab = [pscustomobject]@{ Path = $path; Servers = @($servers) }
        $script:inventory = Use-PrivateInventory 'move-vmhost-lab'
        $null = New-Cluster -Name 'Prod' -VMHost esx01, esx02
        $null = New-Cluster -Name 'Other'
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    Context 'into a cluster' {
        It 'adds a compatible host and outputs the cluster with it' {
            $out = @(Move-VMHost -VMHost esx03 -Destination 'Prod' -ErrorVariable errs -WarningVariable warnings)
            $errs.Count | Should -Be 0
            $warnings.Count | Should -Be 0
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType ([VIToolkit.Core.Clusters.Cluster])
            $out[0].Name | Should -Be 'Prod'
            $out[0].VMHostNames | Should -Be @('esx01', 'esx02', 'esx03')
            $out[0].HostCount | Should -Be 3
            Get-MemberName 'Prod' | Should -Be @('esx01', 'esx02', 'esx03')
            $stored = (Read-StoredInventory).clusters | Where-Object name -eq 'Prod'
            $stored.hosts.name | Should -Be @('esx01', 'esx02', 'esx03')
        }

        It 'keeps a host that is already a member once, without error' {
            $out = Move-VMHost esx03 'Prod' -ErrorVariable errs
            $errs.Count | Should -Be 0
            $out.VMHostNames | Should -Be @('esx01', 'esx02', 'esx03')
        }

        It 'adds any host to an empty cluster (there is nothing to compare it with)' {
            $out = Move-VMHost esx05 -Destination 'Other' -WarningVariable warnings
            $warnings.Count | Should -Be 0
            $out.VMHostNames | Should -Be @('esx05')
            $null = Move-VMHost esx05 -NoCluster
            Get-MemberName 'Other' | Should -BeNullOrEmpty
        }

        It 'refuses a host with the near-miss network: HostIncompatible (InvalidOperation, target = the host), with the failing checks as output' {
            $before = Get-InventoryText
            $out = @(Move-VMHost esx04 -Destination 'Prod' -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "HostIncompatible$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errs[0].TargetObject | Should -BeOfType ([VIToolkit.Core.Model.VMHost])
            $errs[0].TargetObject.Name | Should -Be 'esx04'
            "$($errs[0])" | Should -BeLike '*NetworkNameNearMiss*-Force*'
            # The output is the failed checks of that host, nothing else (no cluster).
            $out.Count | Should -BeGreaterThan 0
            foreach ($check in $out) {
                $check | Should -BeOfType ([VIToolkit.Core.Compatibility.CompatibilityResult])
                "$($check.Result)" | Should -Be 'Failed'
                $check.VMHost | Should -Be 'esx04'
                $check.Cluster | Should -Be 'Prod'
            }
            $nearMiss = @($out | Where-Object Code -eq 'NetworkNameNearMiss')
            $nearMiss.Count | Should -Be 1
            "$($nearMiss[0].Category)" | Should -Be 'Network'
            $nearMiss[0].Message | Should -BeLike "*'Priv172.17'*"
            $nearMiss[0].Message | Should -BeLike "*'Private_172.17'*"
            $nearMiss[0].Source | Should -BeLike '*Private_172.17*Priv172.17*'
            # Nothing was written.
            Get-InventoryText | Should -BeExactly $before
            Get-MemberName 'Prod' | Should -Not -Contain 'esx04'
            Get-VMHost -Name esx04 | Get-Cluster | Should -BeNullOrEmpty
        }

        It 'refuses a host with another CPU: HostIncompatible with CpuModelMismatch' {
            $out = @(Move-VMHost esx05 -Destination 'Prod' -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "HostIncompatible$ErrorSuffix"
            @($out.Code) | Should -Be @('CpuModelMismatch')
            $out[0].Message | Should -BeLike '*AMD EPYC 7302*Intel Xeon Gold 6130*'
            Get-MemberName 'Prod' | Should -Not -Contain 'esx05'
        }

        It 'throws HostIncompatible with -ErrorAction Stop' {
            { Move-VMHost esx04 -Destination 'Prod' -ErrorAction Stop } | Should -Throw -ErrorId "HostIncompatible$ErrorSuffix"
            Get-MemberName 'Prod' | Should -Not -Contain 'esx04'
        }

        It 'adds the incompatible host with -Force, with one warning per failed check' {
            $out = @(Move-VMHost esx04 -Destination 'Prod' -Force -ErrorVariable errs -WarningVariable warnings -WarningAction SilentlyContinue)
            $errs.Count | Should -Be 0
            $out.Count | Should -Be 1
            $out[0] | Should -BeOfType ([VIToolkit.Core.Clusters.Cluster])
            $out[0].VMHostNames | Should -Be @('esx01', 'esx02', 'esx03', 'esx04')
            $warnings.Count | Should -Be 1
            "$($warnings[0])" | Should -BeLike "Added despite: NetworkNameNearMiss:*'Private_172.17'*"
            Get-MemberName 'Prod' | Should -Be @('esx01', 'esx02', 'esx03', 'esx04')
        }

        It 'adds hosts piped from Get-VMHost, refusing the incompatible ones and adding the others' {
            $null = Move-VMHost esx03, esx04 -NoCluster
            $out = @(Get-VMHost -Name esx03, esx04, esx06 | Move-VMHost -Destination (Get-Cluster -Name 'Prod') -ErrorVariable errs -ErrorAction SilentlyContinue)
            $errs.Count | Should -Be 1
            $errs[0].TargetObject.Name | Should -Be 'esx04'
            @($out | Where-Object { $_ -is [VIToolkit.Core.Clusters.Cluster] }).Count | Should -Be 2
            @($out | Where-Object { $_ -is [VIToolkit.Core.Compatibility.CompatibilityResult] }).VMHost | Sort-Object -Unique | Should -Be @('esx04')
            Get-MemberName 'Prod' | Should -Be @('esx01', 'esx02', 'esx03', 'esx06')
        }

        It 'writes HostInAnotherCluster (InvalidOperation) for a member of another cluster, changing nothing' {
            $null = Move-VMHost esx05 -Destination 'Other'
            $before = Get-InventoryText
            $out = Move-VMHost esx06 -Destination 'Other' -Force -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "HostInAnotherCluster$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $errs[0].TargetObject.Name | Should -Be 'esx06'
            "$($errs[0])" | Should -BeLike "*'Prod'*"
            Get-InventoryText | Should -BeExactly $before
            Get-MemberName 'Other' | Should -Be @('esx05')
            $null = Move-VMHost esx05 -NoCluster
        }

        It 'stops with a terminating ClusterNotFound for an unknown destination cluster, changing nothing' {
            $before = Get-InventoryText
            $caught = $null
            try { Move-VMHost esx05 -Destination 'NoSuch' -ErrorAction SilentlyContinue } catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty -Because 'without its destination no host can move, whatever -ErrorAction says'
            $caught.FullyQualifiedErrorId | Should -Be "ClusterNotFound$ErrorSuffix"
            $caught.TargetObject | Should -Be 'NoSuch'
            Get-InventoryText | Should -BeExactly $before
        }

        It 'stops with AmbiguousCluster for a destination that names more than one cluster, changing nothing' {
            $record = { Move-VMHost esx05 -Destination '*' -ErrorAction Stop } | Should -Throw -ErrorId "AmbiguousCluster$ErrorSuffix" -PassThru
            $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
            "$record" | Should -BeLike "*'*' matches *"
            Get-VMHost -Name esx05 | Get-Cluster | Should -BeNullOrEmpty
        }

        It 'refuses two destinations at binding' {
            { Move-VMHost esx05 -Destination 'Prod', 'Other' -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
        }

        It 'changes nothing with -WhatIf (also with -Force)' {
            $before = Get-InventoryText
            Move-VMHost esx05 -Destination 'Other' -WhatIf | Should -BeNullOrEmpty
            Move-VMHost esx04 -Destination 'Prod' -Force -WhatIf | Should -BeNullOrEmpty
            Get-InventoryText | Should -BeExactly $before
            Get-VMHost -Name esx05 | Get-Cluster | Should -BeNullOrEmpty
        }
    }

    Context 'out of a cluster' {
        It 'takes a host out of its cluster with -NoCluster, outputting nothing; the host and its VMs stay' {
            $vms = @(Get-VM -VMHost esx06).Id | Sort-Object
            $out = Move-VMHost esx06 -NoCluster -ErrorVariable errs -WarningVariable warnings
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 0
            $warnings.Count | Should -Be 0
            Get-MemberName 'Prod' | Should -Not -Contain 'esx06'
            Get-VMHost -Name esx06 | Get-Cluster | Should -BeNullOrEmpty
            "$((Get-VMHost -Name esx06).ConnectionState)" | Should -Be 'Connected'
            @(Get-VM -VMHost esx06).Id | Sort-Object | Should -Be $vms
        }

        It 'warns (no error) for a host that is in no cluster, changing no cluster' {
            $before = Get-StoredClusters
            $out = Move-VMHost esx06 -NoCluster -ErrorVariable errs -WarningVariable warnings -WarningAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 0
            $warnings.Count | Should -Be 1
            "$($warnings[0])" | Should -Be "Host 'esx06' is in no cluster."
            Get-StoredClusters | Should -BeExactly $before
        }

        It 'takes piped hosts out, from whichever cluster they are in' {
            $null = Move-VMHost esx05 -Destination 'Other'
            Get-VMHost -Name esx03, esx05 | Move-VMHost -NoCluster
            Get-MemberName 'Prod' | Should -Be @('esx01', 'esx02')
            Get-MemberName 'Other' | Should -BeNullOrEmpty
        }

        It 'changes nothing with -WhatIf' {
            $before = Get-InventoryText
            Move-VMHost esx01 -NoCluster -WhatIf | Should -BeNullOrEmpty
            Get-InventoryText | Should -BeExactly $before
            Get-MemberName 'Prod' | Should -Be @('esx01', 'esx02')
        }
    }

    Context 'a URI with a password' {
        It 'keeps the password given in -VMHost out of the error: message, target, text and category' {
            $uri = 'qemu+tcp://admin:S3cretPw@10.0.0.9/system'
            $records = @(Get-CommandError { Move-VMHost -VMHost $uri -Destination 'Other' -Confirm:$false })
            $records.FullyQualifiedErrorId | Should -Contain 'VMHostNotFound,VIToolkit.Commands.Clusters.MoveVMHostCommand'
            $records.Count | Should -Be 1
            $records[0].TargetObject | Should -Be 'qemu+tcp://admin@10.0.0.9/system'
            foreach ($text in Get-ErrorRecordText $records) { $text | Should -Not -BeLike '*S3cretPw*' }
        }
    }

    Context 'a destination cluster removed since it was read' {
        It 'stops with ClusterNotFound (target = the cluster), moving nothing' {
            $null = New-Cluster -Name 'Gone'
            $stale = Get-Cluster -Name 'Gone'
            Remove-Cluster 'Gone' -Confirm:$false
            $before = Get-InventoryText
            $record = { Move-VMHost esx05 -Destination $stale -Confirm:$false -ErrorAction SilentlyContinue } | Should -Throw -ErrorId "ClusterNotFound$ErrorSuffix" -PassThru
            $record.TargetObject.Name | Should -Be 'Gone'
            Get-InventoryText | Should -BeExactly $before
        }
    }
}
