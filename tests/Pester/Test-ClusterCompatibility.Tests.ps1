BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Test-ClusterCompatibility'
    $script:ErrorSuffix = ',VIToolkit.Commands.Clusters.TestClusterCompatibilityCommand'
    Enter-PrivateInventory   # private inventory files (TestHelpers); restored in AfterAll
    # A lab whose hosts differ as the seed's did: -NetworkRename and per-host CPU models.
    function script:New-ClusterLab([int] $HostCount, [hashtable] $NetworkRename = @{}, [string[]] $CpuModel = @('Intel Xeon Gold 6130')) {
        $path = Join-Path ([System.IO.Path]::GetTempPath()) ("vitoolkit-pester-" + [guid]::NewGuid().ToString('N'))
        $servers = New-VILab -HostCount $HostCount -VMsPerHost 2 -Path $path -NetworkRename $NetworkRename -CpuModel $CpuModel
        [pscustomobject]@{ Path = $path; Servers = @($servers) }
    }
    # One line per result, to compare whole runs.
    function script:Format-Result { process { "$($_.Cluster)|$($_.VMHost)|$($_.Category)|$($_.Check)|$($_.Result)|$($_.Code)|$($_.Source)|$($_.Message)" } }
}
AfterAll {
    Exit-PrivateInventory
}

Describe 'Test-ClusterCompatibility parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Cluster', 'Exclude', 'Include', 'List', 'ReportPath', 'ThrottleLimit', 'VMHost' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'has the parameter sets ByCluster (default), ByHost and List' {
        $command = Get-Command $CommandName
        $command.DefaultParameterSet | Should -Be 'ByCluster'
        @($command.ParameterSets.Name | Sort-Object) | Should -Be @('ByCluster', 'ByHost', 'List')
        $command.Parameters['Cluster'].ParameterSets.Keys | Should -Be @('ByCluster')
        $command.Parameters['VMHost'].ParameterSets.Keys | Should -Be @('ByHost')
        $command.Parameters['List'].ParameterSets.Keys | Should -Be @('List')
        @($command.Parameters['Include'].ParameterSets.Keys | Sort-Object) | Should -Be @('ByCluster', 'ByHost', 'List')
        @($command.Parameters['Exclude'].ParameterSets.Keys | Sort-Object) | Should -Be @('ByCluster', 'ByHost', 'List')
        @($command.Parameters['ReportPath'].ParameterSets.Keys | Sort-Object) | Should -Be @('ByCluster', 'ByHost')
        @($command.Parameters['ThrottleLimit'].ParameterSets.Keys | Sort-Object) | Should -Be @('ByCluster', 'ByHost')
    }

    It 'takes a mandatory -Cluster by position 0 from the pipeline by value, and a mandatory -VMHost by name' {
        $parameters = (Get-Command $CommandName).Parameters
        $meta = $parameters['Cluster'].ParameterSets['ByCluster']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
        $meta = $parameters['VMHost'].ParameterSets['ByHost']
        $meta.IsMandatory | Should -BeTrue
        $meta.ValueFromPipeline | Should -BeFalse
        $parameters['List'].ParameterSets['List'].IsMandatory | Should -BeTrue
        $parameters['List'].ParameterType | Should -Be ([switch])
    }

    It 'takes categories for -Include and -Exclude' {
        $parameters = (Get-Command $CommandName).Parameters
        $parameters['Include'].ParameterType | Should -Be ([VIToolkit.Core.Compatibility.CompatibilityCategory[]])
        $parameters['Exclude'].ParameterType | Should -Be ([VIToolkit.Core.Compatibility.CompatibilityCategory[]])
        [enum]::GetNames([VIToolkit.Core.Compatibility.CompatibilityCategory]) | Should -Be @('Storage', 'Network', 'Cpu', 'Hypervisor')
    }

    It 'limits -ThrottleLimit to 1..256' {
        $range = (Get-Command $CommandName).Parameters['ThrottleLimit'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        $range[0].MinRange | Should -Be 1
        $range[0].MaxRange | Should -Be 256
    }

    It 'does not support ShouldProcess (it only reads)' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeFalse
    }
}

Describe 'Test-ClusterCompatibility -List' -Tag 'Unit' {
    It 'lists the seven checks with their category and description, without needing a server' {
        $out = @(Test-ClusterCompatibility -List)
        $out.Count | Should -Be 7
        foreach ($check in $out) {
            $check | Should -BeOfType ([VIToolkit.Core.Compatibility.CompatibilityCheck])
            $check.Description | Should -Not -BeNullOrEmpty
        }
        $out.Check | Should -Be @('SharedDatastores', 'LocalDatastores', 'Networks', 'CpuCompatibility', 'Driver', 'Version', 'HostUuid')
        @($out.Category | ForEach-Object { "$_" }) | Should -Be @('Storage', 'Storage', 'Network', 'Cpu', 'Hypervisor', 'Hypervisor', 'Hypervisor')
    }

    It 'filters the list with -Include and -Exclude' {
        @(Test-ClusterCompatibility -List -Include Network).Check | Should -Be @('Networks')
        @(Test-ClusterCompatibility -List -Include Storage, Cpu).Check | Should -Be @('SharedDatastores', 'LocalDatastores', 'CpuCompatibility')
        @(Test-ClusterCompatibility -List -Exclude Hypervisor).Check | Should -Be @('SharedDatastores', 'LocalDatastores', 'Networks', 'CpuCompatibility')
        @(Test-ClusterCompatibility -List -Include Network, Cpu -Exclude Cpu).Check | Should -Be @('Networks')
        Test-ClusterCompatibility -List -Include Cpu -Exclude Cpu | Should -BeNullOrEmpty
    }

    It 'rejects an unknown category at binding' {
        { Test-ClusterCompatibility -List -Include Memory -ErrorAction Stop } | Should -Throw -ErrorId "CannotConvertArgumentNoMessage$ErrorSuffix"
    }
}

Describe 'Test-ClusterCompatibility on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        # esx04 has the seed's near-miss network name (Private_172.17 where the others have Priv172.17); esx05 another CPU.
        $script:lab = New-ClusterLab -HostCount 5 -NetworkRename @{ esx04 = @{ 'Priv172.17' = 'Private_172.17' } } `
            -CpuModel 'Intel Xeon Gold 6130', 'Intel Xeon Gold 6130', 'Intel Xeon Gold 6130', 'Intel Xeon Gold 6130', 'AMD EPYC 7302'
        $script:inventory = Use-PrivateInventory 'test-compat-lab'
        $null = New-Cluster -Name 'Good' -VMHost esx01, esx02, esx03
        # New-Cluster does not check: this cluster holds the near-miss host.
        $null = New-Cluster -Name 'Seed' -VMHost esx04
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    Context 'a compatible cluster' {
        BeforeAll {
            $script:results = @(Test-ClusterCompatibility -Cluster 'Good')
        }

        It 'outputs CompatibilityResult objects with Cluster, VMHost, Category, Check, Result, Code, Message and Source' {
            $results.Count | Should -BeGreaterThan 0
            foreach ($result in $results) {
                $result | Should -BeOfType ([VIToolkit.Core.Compatibility.CompatibilityResult])
                @($result.PSObject.Properties.Name | Sort-Object) | Should -Be @('Category', 'Check', 'Cluster', 'Code', 'Message', 'Result', 'Source', 'VMHost')
                $result.Cluster | Should -Be 'Good'
                $result.Code | Should -Not -BeNullOrEmpty
                $result.Message | Should -Not -BeNullOrEmpty
                $result.Source | Should -Not -BeNullOrEmpty
            }
        }

        It 'checks every member in every category, hosts in member order' {
            @($results.VMHost | Select-Object -Unique) | Should -Be @('esx01', 'esx02', 'esx03')
            foreach ($name in 'esx01', 'esx02', 'esx03') {
                @($results | Where-Object VMHost -eq $name | ForEach-Object { "$($_.Category)" } | Select-Object -Unique) |
                    Should -Be @('Storage', 'Network', 'Cpu', 'Hypervisor')
                @($results | Where-Object VMHost -eq $name).Check | Sort-Object -Unique |
                    Should -Be @('CpuCompatibility', 'Driver', 'HostUuid', 'LocalDatastores', 'Networks', 'SharedDatastores', 'Version')
            }
        }

        It 'fails nothing and gives the expected codes' {
            @($results | Where-Object Result -eq 'Failed').Count | Should -Be 0
            foreach ($name in 'esx01', 'esx02', 'esx03') {
                $own = @($results | Where-Object VMHost -eq $name)
                ($own | Where-Object Check -eq 'Networks').Code | Should -Be 'NetworksMatch'
                ($own | Where-Object Check -eq 'SharedDatastores').Code | Should -Be 'SharedDatastoresPresent'
                ($own | Where-Object Check -eq 'CpuCompatibility').Code | Should -Be 'CpuModelMatches'
                ($own | Where-Object Check -eq 'Driver').Code | Should -Be 'SameDriver'
                $local = @($own | Where-Object Check -eq 'LocalDatastores')
                $local.Count | Should -Be 1
                "$($local[0].Result)" | Should -Be 'Warning'
                $local[0].Code | Should -Be 'LocalDatastore'
                $local[0].Message | Should -BeLike "*'local-$name'*"
            }
        }

        It 'takes clusters from the pipeline and by name' {
            $piped = @(Get-Cluster -Name 'Good' | Test-ClusterCompatibility)
            ($piped | Format-Result) | Should -Be ($results | Format-Result)
            @(Test-ClusterCompatibility 'good').Count | Should -Be $results.Count
        }

        It 'checks several clusters, each on its own' {
            $out = @(Test-ClusterCompatibility -Cluster 'Good', 'Seed' -Include Network)
            @($out | Where-Object Cluster -eq 'Good').VMHost | Should -Be @('esx01', 'esx02', 'esx03')
            @($out | Where-Object Cluster -eq 'Seed').VMHost | Should -Be @('esx04')
            "$((@($out | Where-Object Cluster -eq 'Seed'))[0].Result)" | Should -Be 'Passed' -Because 'a one-host cluster agrees with itself'
        }

        It 'runs only the categories of -Include, without those of -Exclude' {
            $out = @(Test-ClusterCompatibility 'Good' -Include Network, Cpu)
            @($out | ForEach-Object { "$($_.Category)" } | Sort-Object -Unique) | Should -Be @('Cpu', 'Network')
            $out.Count | Should -Be 6
            $out = @(Test-ClusterCompatibility 'Good' -Exclude Storage, Hypervisor)
            @($out | ForEach-Object { "$($_.Category)" } | Sort-Object -Unique) | Should -Be @('Cpu', 'Network')
            $out = @(Test-ClusterCompatibility 'Good' -Include Storage, Network -Exclude Storage)
            @($out | ForEach-Object { "$($_.Category)" } | Sort-Object -Unique) | Should -Be @('Network')
            Test-ClusterCompatibility 'Good' -Include Cpu -Exclude Cpu | Should -BeNullOrEmpty
        }

        It 'gives the same results, in the same order, with -ThrottleLimit 1 as by default' {
            $serial = @(Test-ClusterCompatibility 'Good' -ThrottleLimit 1)
            ($serial | Format-Result) | Should -Be ($results | Format-Result)
        }

        It 'rejects -ThrottleLimit 0 at binding' {
            { Test-ClusterCompatibility 'Good' -ThrottleLimit 0 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
        }

        It 'writes a non-terminating ClusterNotFound (target = the name) for an unknown cluster, and checks the others' {
            $out = @(Test-ClusterCompatibility 'NoSuch', 'Good' -ErrorVariable errs -ErrorAction SilentlyContinue)
            ($out | Format-Result) | Should -Be ($results | Format-Result)
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "ClusterNotFound$ErrorSuffix"
            $errs[0].TargetObject | Should -Be 'NoSuch'
        }

        It 'does not write to the inventory' {
            $before = Get-InventoryText
            $null = Test-ClusterCompatibility 'Good', 'Seed'
            Get-InventoryText | Should -BeExactly $before
        }
    }

    Context 'hosts that differ' {
        It 'names the near-miss network on the odd host only, with both names' {
            $out = @(Test-ClusterCompatibility -VMHost esx01, esx02, esx04 -Include Network)
            $failed = @($out | Where-Object Result -eq 'Failed')
            $failed.Count | Should -Be 1
            $failed[0].VMHost | Should -Be 'esx04'
            $failed[0].Code | Should -Be 'NetworkNameNearMiss'
            $failed[0].Check | Should -Be 'Networks'
            $failed[0].Message | Should -BeLike "*'Priv172.17'*'Private_172.17'*"
            $failed[0].Source | Should -Be "network 'Private_172.17' vs 'Priv172.17'"
            @($out | Where-Object VMHost -in 'esx01', 'esx02').Code | Should -Be @('NetworksMatch', 'NetworksMatch')
        }

        It 'checks hosts given with -VMHost without a cluster (Cluster is empty), by object or name' {
            $out = @(Test-ClusterCompatibility -VMHost (Get-VMHost -Name esx01), 'esx04' -Include Network)
            @($out.VMHost | Select-Object -Unique) | Should -Be @('esx01', 'esx04')
            foreach ($result in $out) { $result.Cluster | Should -BeNullOrEmpty }
            # Two hosts, one spelling each: each is told of the other's.
            @($out | Where-Object Result -eq 'Failed').Code | Should -Be @('NetworkNameNearMiss', 'NetworkNameNearMiss')
        }

        It 'finds the near-miss in a cluster that holds both spellings' {
            $null = Move-VMHost esx04 -NoCluster
            $null = Move-VMHost esx04 -Destination 'Good' -Force -WarningAction SilentlyContinue
            try {
                $out = @(Test-ClusterCompatibility 'Good')
                $failed = @($out | Where-Object Result -eq 'Failed')
                @($failed.VMHost | Select-Object -Unique) | Should -Be @('esx04')
                $failed.Code | Should -Contain 'NetworkNameNearMiss'
                $failed | ForEach-Object { $_.Cluster | Should -Be 'Good' }
            } finally {
                $null = Move-VMHost esx04 -NoCluster
                $null = Move-VMHost esx04 -Destination 'Seed'
            }
        }

        It 'fails the host with another CPU model (CpuModelMismatch), naming both models and the fallback method' {
            $out = @(Test-ClusterCompatibility -VMHost esx01, esx02, esx05 -Include Cpu)
            $out.Count | Should -Be 3
            $odd = @($out | Where-Object VMHost -eq 'esx05')
            "$($odd[0].Result)" | Should -Be 'Failed'
            $odd[0].Code | Should -Be 'CpuModelMismatch'
            $odd[0].Message | Should -BeLike '*AMD EPYC 7302*Intel Xeon Gold 6130*'
            $odd[0].Message | Should -BeLike '*declared fallback*'
            @($out | Where-Object VMHost -ne 'esx05').Code | Should -Be @('CpuModelMatches', 'CpuModelMatches')
        }

        It 'writes an HTML report with -ReportPath, holding every host and result, and still outputs the results' {
            $report = Join-Path $TestDrive 'reports/compat.html'
            $out = @(Test-ClusterCompatibility -VMHost esx01, esx04, esx05 -ReportPath $report)
            $out.Count | Should -BeGreaterThan 0
            $report | Should -Exist
            $html = Get-Content -LiteralPath $report -Raw
            $html | Should -BeLike '<!DOCTYPE html>*'
            $html | Should -BeLike '*</html>'
            foreach ($name in 'esx01', 'esx04', 'esx05') { $html | Should -BeLike "*<td>$name</td>*" }
            $html | Should -BeLike '*NetworkNameNearMiss*'
            $html | Should -BeLike '*CpuModelMismatch*'
            $html | Should -BeLike '*Private_172.17*'
            ([regex]::Matches($html, '<tr class="')).Count | Should -Be $out.Count
            $failed = @($out | Where-Object Result -eq 'Failed').Count
            $html | Should -BeLike "*3 host(s), $failed failed*"
            # It names what it checked (issue 10, item 19).
            $html | Should -BeLike '*<title>Compatibility of hosts esx01, esx04, esx05 (VIToolkit)</title>*'
            $html | Should -BeLike '*<h1>Compatibility of hosts esx01, esx04, esx05</h1>*'
        }

        It 'writes the report of a cluster, relative to the current location' {
            Push-Location $TestDrive
            try {
                $null = Test-ClusterCompatibility 'Good' -ReportPath 'good.html'
            } finally {
                Pop-Location
            }
            $html = Get-Content -LiteralPath (Join-Path $TestDrive 'good.html') -Raw
            foreach ($name in 'esx01', 'esx02', 'esx03') { $html | Should -BeLike "*<td>$name</td>*" }
            $html | Should -Not -BeLike '*esx04*'
            # It names the cluster it checked, in its title and heading (issue 10, item 19).
            $html | Should -BeLike '*<title>Compatibility of cluster Good (VIToolkit)</title>*'
            $html | Should -BeLike '*<h1>Compatibility of cluster Good</h1>*'
        }

        It 'names a cluster with HTML characters in its title and heading, encoded' {
            $null = New-Cluster -Name 'R&D <lab>'
            try {
                $report = Join-Path $TestDrive 'rnd.html'
                $null = Test-ClusterCompatibility 'R&D <lab>' -ReportPath $report
                $html = Get-Content -LiteralPath $report -Raw
                $html | Should -BeLike '*<title>Compatibility of cluster R&amp;D &lt;lab&gt; (VIToolkit)</title>*'
                $html | Should -BeLike '*<h1>Compatibility of cluster R&amp;D &lt;lab&gt;</h1>*'
                $html | Should -Not -BeLike '*<lab>*'
            } finally {
                Remove-Cluster 'R&D <lab>' -Confirm:$false
            }
        }

        It 'names every cluster it checked in one report' {
            $report = Join-Path $TestDrive 'both.html'
            $null = 'Good', 'Seed' | Test-ClusterCompatibility -ReportPath $report
            Get-Content -LiteralPath $report -Raw | Should -BeLike '*<h1>Compatibility of clusters Good, Seed</h1>*'
        }

        It 'writes ReportNotWritten (WriteError) when the report cannot be written, after the results' {
            $blocker = Join-Path $TestDrive 'blocker'
            Set-Content -LiteralPath $blocker -Value 'a file, not a folder'
            $out = @(Test-ClusterCompatibility 'Good' -Include Network -ReportPath (Join-Path $blocker 'r.html') -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Count | Should -Be 3
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "ReportNotWritten$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'WriteError'
        }
    }

    Context 'a report path that cannot be a file (issue 10, item 9)' {
        It 'writes the results, then one non-terminating ReportNotWritten for <Case>' -ForEach @(
            @{ Case = 'a NUL character'; Path = "bad`0name.html" }
            @{ Case = 'a path on another provider'; Path = 'Env:\report.html' }
            @{ Case = 'an unknown drive'; Path = 'NoSuchDrive:\report.html' }
        ) {
            $out = @(Test-ClusterCompatibility 'Good' -Include Network -ReportPath $Path -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out.Count | Should -Be 3
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "ReportNotWritten$ErrorSuffix"
            $errs[0].Exception.Message | Should -Not -Match "`0"
        }
    }

    Context 'a URI with a password' {
        It 'keeps the password given in -VMHost out of the error: message, target, text and category' {
            $uri = 'qemu+tcp://admin:S3cretPw@10.0.0.9/system'
            $records = @(Get-CommandError { Test-ClusterCompatibility -VMHost $uri, esx01 })
            $records.FullyQualifiedErrorId | Should -Contain 'VMHostNotFound,VIToolkit.Commands.Clusters.TestClusterCompatibilityCommand'
            $records.Count | Should -Be 1
            $records[0].TargetObject | Should -Be 'qemu+tcp://admin@10.0.0.9/system'
            foreach ($text in Get-ErrorRecordText $records) { $text | Should -Not -BeLike '*S3cretPw*' }
        }
    }

    Context 'a cluster removed since it was read' {
        It 'writes ClusterNotFound (ObjectNotFound, target = the cluster), as Set-Cluster and Remove-Cluster do, and checks the others' {
            $null = New-Cluster -Name 'Gone'
            $stale = Get-Cluster -Name 'Gone'
            Remove-Cluster 'Gone' -Confirm:$false
            $out = @(Test-ClusterCompatibility -Cluster $stale, (Get-Cluster 'Seed') -ErrorVariable errs -ErrorAction SilentlyContinue)
            @($out.Cluster | Sort-Object -Unique) | Should -Be @('Seed')
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be "ClusterNotFound$ErrorSuffix"
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject.Name | Should -Be 'Gone'
            { Test-ClusterCompatibility -Cluster $stale -ErrorAction Stop } | Should -Throw -ErrorId "ClusterNotFound$ErrorSuffix"
        }
    }
}

Describe 'Test-ClusterCompatibility with a member that is not connected' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 2
        $script:inventory = Use-PrivateInventory 'test-compat-disconnected'
        $null = New-Cluster -Name 'Partial' -VMHost esx01, esx02, esx03
        Disconnect-VIServer -Server $lab.Servers[1] -Confirm:$false
        $script:results = @(Test-ClusterCompatibility 'Partial' -ErrorVariable errs)
        $script:errors = $errs
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'fails the member with HostUnreachable, without an error' {
        $errors.Count | Should -Be 0
        $own = @($results | Where-Object VMHost -eq 'esx02')
        $own.Count | Should -Be 1
        "$($own[0].Result)" | Should -Be 'Failed'
        $own[0].Code | Should -Be 'HostUnreachable'
        $own[0].Check | Should -Be 'Connectivity'
        $own[0].Cluster | Should -Be 'Partial'
        $own[0].Message | Should -BeLike "*Connect-VIServer -Cluster 'Partial'*"
        $own[0].Source | Should -Be $lab.Servers[1].Uri
    }

    It 'reports the unreachable member under a category that was asked for' {
        $only = @(Test-ClusterCompatibility 'Partial' -Include Network | Where-Object VMHost -eq 'esx02')
        $only.Count | Should -Be 1
        "$($only[0].Category)" | Should -Be 'Network'
        $only[0].Code | Should -Be 'HostUnreachable'
    }

    It 'still checks the other members in every category' {
        foreach ($name in 'esx01', 'esx03') {
            $own = @($results | Where-Object VMHost -eq $name)
            @($own | ForEach-Object { "$($_.Category)" } | Select-Object -Unique) | Should -Be @('Storage', 'Network', 'Cpu', 'Hypervisor')
            @($own | Where-Object Result -eq 'Failed').Count | Should -Be 0
        }
    }

    It 'gives the same results with -ThrottleLimit 1' {
        ((Test-ClusterCompatibility 'Partial' -ThrottleLimit 1) | Format-Result) | Should -Be ($results | Format-Result)
    }
}
