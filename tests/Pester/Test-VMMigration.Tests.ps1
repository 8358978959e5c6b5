BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Test-VMMigration'
    $script:ErrorSuffix = ',VIToolkit.Commands.Clusters.TestVMMigrationCommand'
    Enter-PrivateInventory   # private inventory files (TestHelpers); restored in AfterAll
}
AfterAll {
    Exit-PrivateInventory
}

Describe 'Test-VMMigration parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Destination', 'Server', 'ThrottleLimit', 'VM' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -VM by position 0, from the pipeline by value and by property name' {
        $meta = (Get-Command $CommandName).Parameters['VM'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
    }

    It 'takes a mandatory -Destination by position 1, not from the pipeline' {
        $meta = (Get-Command $CommandName).Parameters['Destination'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 1
        $meta.ValueFromPipeline | Should -BeFalse
    }

    It 'does not support ShouldProcess (it only reads)' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeFalse
        (Get-Command $CommandName).Parameters.Keys | Should -Not -Contain 'WhatIf'
    }
}

Describe 'Test-VMMigration on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        # esx03 has the seed's near-miss network name (Private_172.17 for Priv172.17), esx04 has no such network at all
        # (Backup instead), esx05 another CPU; esx05 and esx06 are in no cluster.
        $path = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-" + [guid]::NewGuid().ToString('N'))
        $servers = New-VILab -HostCount 6 -VMsPerHost 4 -Path $path `
            -NetworkRename @{ esx03 = @{ 'Priv172.17' = 'Private_172.17' }; esx04 = @{ 'Priv172.17' = 'Backup' } } `
            -CpuModel 'Intel Xeon Gold 6130', 'Intel Xeon Gold 6130', 'Intel Xeon Gold 6130', 'Intel Xeon Gold 6130', 'AMD EPYC 7302', 'Intel Xeon Gold 6130'
        $script:lab = [pscustomobject]@{ Path = $path; Servers = @($servers) }
        $script:inventory = Use-PrivateInventory 'test-vmmigration-lab'
        $null = New-Cluster -Name 'Mig' -VMHost esx01, esx02, esx03, esx04
        # On esx01, the app VMs use the network Priv172.17, the web VMs 'VM Network' (New-VILab gives odd roles Priv172.17).
        $script:app = @(Get-VM -VMHost esx01 -Name 'app*')[0]
        $script:web = @(Get-VM -VMHost esx01 -Name 'web*')[0]
        $script:esx01VMs = @(Get-VM -VMHost esx01)
        function script:Get-Code($Report) { @($Report.Issues | ForEach-Object Code) }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    Context 'reports' {
        It 'outputs a VMMigrationReport with VM, Source, Destination, Compatible and Issues' {
            $out = @(Test-VMMigration -VM $app -Destination esx02 -ErrorVariable errs)
            $errs.Count | Should -Be 0
            $out.Count | Should -Be 1
            $report = $out[0]
            $report | Should -BeOfType ([VIToolkit.Core.Compatibility.VMMigrationReport])
            foreach ($property in 'VM', 'Source', 'Destination', 'Compatible', 'Issues') {
                $report.PSObject.Properties.Name | Should -Contain $property
            }
            $report.VM | Should -BeOfType ([VIToolkit.Core.Model.VirtualMachine])
            $report.VM.Id | Should -Be $app.Id
            $report.VMName | Should -Be $app.Name
            $report.Source | Should -Be 'esx01'
            $report.Destination | Should -Be 'esx02'
        }

        It 'finds a VM compatible with another member of its cluster: no issues' {
            $report = Test-VMMigration $app esx02
            $report.Compatible | Should -BeTrue
            @($report.Issues).Count | Should -Be 0
            $report.CpuMethod | Should -BeLike 'ModelName*declared fallback*'
        }

        It 'moves nothing' {
            $null = Test-VMMigration -VM $esx01VMs -Destination 'Mig'
            @(Get-VM -VMHost esx01).Id | Sort-Object | Should -Be (@($esx01VMs.Id) | Sort-Object)
            "$((Get-VM -Id $app.Id).PowerState)" | Should -Be "$($app.PowerState)"
        }
    }

    Context 'networks' {
        It 'reports NetworkNameNearMiss (Error) when the destination spells the VM''s network differently, naming both' {
            $report = Test-VMMigration $app esx03
            $report.Compatible | Should -BeFalse
            $issues = @($report.Issues)
            $issues.Count | Should -Be 1
            $issues[0].Code | Should -Be 'NetworkNameNearMiss'
            "$($issues[0].Severity)" | Should -Be 'Error'
            $issues[0].Message | Should -BeLike "*'Priv172.17'*'esx03'*'Private_172.17'*"
            $issues[0].Source | Should -Be "network 'Priv172.17'"
        }

        It 'reports NetworkMissing (Error) when the destination lacks the VM''s network' {
            $report = Test-VMMigration $app esx04
            $report.Compatible | Should -BeFalse
            Get-Code $report | Should -Be @('NetworkMissing')
            "$($report.Issues[0].Severity)" | Should -Be 'Error'
            $report.Issues[0].Message | Should -BeLike "*'Priv172.17'*does not exist on 'esx04'*"
        }

        It 'finds a VM on another network compatible with that destination' {
            $report = Test-VMMigration $web esx04
            $report.Compatible | Should -BeTrue
            @($report.Issues).Count | Should -Be 0
        }
    }

    Context 'clusters' {
        It 'reports NotSameCluster (Error) for a destination outside the VM''s cluster' {
            $report = Test-VMMigration $web esx06
            $report.Compatible | Should -BeFalse
            Get-Code $report | Should -Be @('NotSameCluster')
            "$($report.Issues[0].Severity)" | Should -Be 'Error'
            $report.Issues[0].Message | Should -BeLike "*'esx01' is in cluster 'Mig', 'esx06' in no cluster*"
        }

        It 'reports NotSameCluster for a VM moving into a cluster from outside' {
            $vm = @(Get-VM -VMHost esx06)[0]
            $report = Test-VMMigration $vm esx02
            Get-Code $report | Should -Contain 'NotSameCluster'
            $report.Compatible | Should -BeFalse
        }

        It 'only warns of NotSameCluster when the VM''s cluster allows moves out of it' {
            $null = Set-Cluster 'Mig' -AllowMigrationOutOfCluster
            try {
                $report = Test-VMMigration $web esx06
                $report.Compatible | Should -BeTrue
                Get-Code $report | Should -Be @('NotSameCluster')
                "$($report.Issues[0].Severity)" | Should -Be 'Warning'
            } finally {
                $null = Set-Cluster 'Mig' -AllowMigrationOutOfCluster:$false
            }
            (Test-VMMigration $web esx06).Compatible | Should -BeFalse
        }

        It 'has no cluster rule between two hosts in no cluster, and reports CpuModelMismatch for another CPU' {
            $vm = @(Get-VM -VMHost esx06)[0]
            $report = Test-VMMigration $vm esx05
            Get-Code $report | Should -Be @('CpuModelMismatch')
            $report.Compatible | Should -BeFalse
            $report.Issues[0].Message | Should -BeLike '*AMD EPYC 7302*Intel Xeon Gold 6130*'
        }

        It 'tests every other member when the destination is a cluster (by name or object), in member order' {
            $out = @(Test-VMMigration $app -Destination 'Mig')
            $out.Destination | Should -Be @('esx02', 'esx03', 'esx04')
            $out.Compatible | Should -Be @($true, $false, $false)
            Get-Code $out[1] | Should -Be @('NetworkNameNearMiss')
            Get-Code $out[2] | Should -Be @('NetworkMissing')
            $byObject = @(Test-VMMigration $app -Destination (Get-Cluster -Name 'Mig'))
            $byObject.Destination | Should -Be @('esx02', 'esx03', 'esx04')
            @(Test-VMMigration $app -Destination 'mig').Destination | Should -Be @('esx02', 'esx03', 'esx04')
        }

        It 'tests against a host given as a VMHost or a VIServer object' {
            (Test-VMMigration $app -Destination (Get-VMHost -Name esx02)).Destination | Should -Be 'esx02'
            (Test-VMMigration $app -Destination $lab.Servers[1]).Destination | Should -Be 'esx02'
        }

        It 'reports SameHost (Error) for the VM''s own host' {
            $report = Test-VMMigration $app esx01
            $report.Compatible | Should -BeFalse
            Get-Code $report | Should -Be @('SameHost')
        }
    }

    Context 'several VMs' {
        It 'reports on every VM piped in, in input order' {
            $out = @($esx01VMs | Test-VMMigration -Destination esx04)
            $out.VMName | Should -Be $esx01VMs.Name
            foreach ($report in $out) {
                $usesPriv = $report.VMName -like 'app*' -or $report.VMName -like 'file*'
                $report.Compatible | Should -Be (-not $usesPriv) -Because "$($report.VMName) $(if ($usesPriv) { 'uses' } else { 'does not use' }) Priv172.17"
            }
        }

        It 'takes VMs by name and wildcard, and writes VMNotFound for an unknown name' {
            $out = @(Test-VMMigration -VM $app.Name, 'no-such-vm' -Destination esx02 -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.VMName | Should -Be @($app.Name)
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "VMNotFound$ErrorSuffix"
            $errs[0].TargetObject | Should -Be 'no-such-vm'
        }
    }

    Context 'unknown destinations' {
        It 'throws DestinationNotFound (ObjectNotFound, target = the name) for <Label>' -ForEach @(
            @{ Label = 'a name that is neither a host nor a cluster'; Destination = 'nowhere' }
            @{ Label = 'a cluster without members'; Destination = 'Empty' }
        ) {
            if (-not (Get-Cluster -Name 'Empty' -ErrorAction SilentlyContinue)) { $null = New-Cluster -Name 'Empty' }
            $record = { Test-VMMigration $app -Destination $Destination } | Should -Throw -ErrorId "DestinationNotFound$ErrorSuffix" -PassThru
            $record.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $record.TargetObject | Should -Be $Destination
        }

        It 'throws DestinationNotFound for a cluster whose members are not connected' {
            $null = New-Cluster -Name 'Away' -VMHost esx05
            Disconnect-VIServer -Server $lab.Servers[4] -Confirm:$false
            { Test-VMMigration $web -Destination 'Away' } | Should -Throw -ErrorId "DestinationNotFound$ErrorSuffix"
            { Test-VMMigration $web -Destination 'esx05' } | Should -Throw -ErrorId "DestinationNotFound$ErrorSuffix"
        }
    }

    Context 'an earlier VMNotFound' {
        It 'is not reported again for a wildcard that matches nothing, $null or @($null), even after other commands' {
            Assert-NoStaleVMNotFound { param($vm) Test-VMMigration -VM $vm -Destination esx02 }
        }
    }

    Context 'a URI with a password' {
        It 'keeps the password given in -Destination out of the error: message, target, text and category' {
            $uri = 'qemu+tcp://admin:S3cretPw@10.0.0.9/system'
            $records = @(Get-CommandError { Test-VMMigration -VM $app -Destination $uri })
            $records.FullyQualifiedErrorId | Should -Contain 'DestinationNotFound,VIToolkit.Commands.Clusters.TestVMMigrationCommand'
            $records.Count | Should -Be 1
            $records[0].TargetObject | Should -Be 'qemu+tcp://admin@10.0.0.9/system'
            foreach ($text in Get-ErrorRecordText $records) { $text | Should -Not -BeLike '*S3cretPw*' }
        }
    }
}
