BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Get-VirtualNetwork'
}

Describe 'Get-VirtualNetwork parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Id', 'Name', 'Server', 'VMHost' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes -Name by position 0' {
        (Get-Command $CommandName).Parameters['Name'].ParameterSets['ByName'].Position | Should -Be 0
    }

    It 'refuses -VMHost $null, @($null) and an empty name at binding: $null is neither every host nor none' {
        foreach ($value in $null, @($null), '') {
            { Get-VirtualNetwork -VMHost $value -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Inventory.GetVirtualNetworkCommand'
        }
    }

    It 'refuses -Server $null, @($null) and an empty name at binding: $null is neither every server nor none' {
        foreach ($value in $null, @($null), '') {
            { Get-VirtualNetwork -Server $value -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Inventory.GetVirtualNetworkCommand'
        }
    }
}

Describe 'Get-VirtualNetwork on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 4
        $script:all = @(Get-VirtualNetwork)
        $script:first = @($all | Where-Object VMHostName -eq 'esx01')
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    Context 'listing' {
        It 'lists the three lab networks of every host' {
            $all.Count | Should -Be 6
            $first.Name | Sort-Object | Should -Be @('Priv172.17', 'VM Network', 'vMotion')
        }

        It 'describes <Name>: <Mode>, subnet <Subnet>' -ForEach @(
            @{ Name = 'VM Network'; Mode = 'nat'; Subnet = '192.168.122.0/24'; Bridge = 'virbr0' }
            @{ Name = 'Priv172.17'; Mode = 'isolated'; Subnet = '172.17.0.0/16'; Bridge = 'virbr1' }
            @{ Name = 'vMotion'; Mode = 'isolated'; Subnet = '10.10.10.0/24'; Bridge = 'virbr2' }
        ) {
            $network = @($first | Where-Object Name -eq $Name)
            $network.Count | Should -Be 1
            $network[0] | Should -BeOfType ([VIToolkit.Core.Model.VirtualNetwork])
            $network[0].ForwardMode | Should -Be $Mode
            $network[0].Subnet | Should -Be $Subnet
            $network[0].Bridge | Should -Be $Bridge
            $network[0].IsActive | Should -BeTrue
        }

        It 'gives every network its UUID as Id and links it to its host' {
            @($all.Id | Sort-Object -Unique).Count | Should -Be 6
            foreach ($network in $all) {
                [guid]::Parse($network.Id).ToString('D') | Should -Be $network.Id
                $network.VMHost.Name | Should -Be $network.VMHostName
            }
        }

        It 'lists the networks of the host files, hosts in server order and networks by name case-insensitively, on every call' {
            $all.VMHostName | Select-Object -Unique | Should -Be @('esx01', 'esx02')
            $first.Name | Should -Be @('Priv172.17', 'VM Network', 'vMotion')
            $expected = @(foreach ($file in Get-LabHostFile $lab) { @($file.Networks | Sort-Object Name).Uuid })
            $all.Id | Should -Be $expected
            @(Get-VirtualNetwork).Id | Should -Be $expected
        }
    }

    Context 'filters' {
        It 'returns only the networks of the host piped in' {
            $out = @(Get-VMHost -Name 'esx01' | Get-VirtualNetwork)
            $out.Count | Should -Be 3
            @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx01')
        }

        It 'restricts to the servers given with -Server' {
            @(Get-VirtualNetwork -Server $lab.Servers[1]).VMHostName | Sort-Object -Unique | Should -Be 'esx02'
        }

        It 'binds VMHost by property name from a custom object' {
            $out = @([pscustomobject]@{ VMHost = 'esx02' } | Get-VirtualNetwork)
            $out.Count | Should -Be 3
            @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx02')
        }

        It 'finds an exact name with a space on every host' {
            $out = @(Get-VirtualNetwork -Name 'VM Network')
            $out.Count | Should -Be 2
            $out.Subnet | Sort-Object -Unique | Should -Be '192.168.122.0/24'
        }

        It 'matches a wildcard case-insensitively' {
            @(Get-VirtualNetwork -Name 'vm net*').Name | Sort-Object -Unique | Should -Be 'VM Network'
            @(Get-VirtualNetwork -Name 'PRIV*' -Server $lab.Servers[0]).Subnet | Should -Be @('172.17.0.0/16')
        }

        It 'writes VirtualNetworkNotFound (ObjectNotFound, target = the name) for an unknown exact name' {
            $out = Get-VirtualNetwork -Name 'nosuchnet' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'VirtualNetworkNotFound,VIToolkit.Commands.Inventory.GetVirtualNetworkCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $errs[0].TargetObject | Should -Be 'nosuchnet'
        }

        It 'treats an exact name case-sensitively: vm network is not VM Network' {
            $out = Get-VirtualNetwork -Name 'vm network' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs[0].FullyQualifiedErrorId | Should -Be 'VirtualNetworkNotFound,VIToolkit.Commands.Inventory.GetVirtualNetworkCommand'
        }

        It 'returns nothing and no error for a wildcard that matches nothing' {
            $out = Get-VirtualNetwork -Name 'zzz*' -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 0
        }

        It 'finds a network by Id' {
            $network = @($all | Where-Object { $_.Name -eq 'vMotion' -and $_.VMHostName -eq 'esx02' })[0]
            $out = @(Get-VirtualNetwork -Id $network.Id)
            $out.Count | Should -Be 1
            $out[0].Name | Should -Be 'vMotion'
            $out[0].VMHostName | Should -Be 'esx02'
        }

        It 'writes VirtualNetworkNotFound for an unknown Id' {
            $id = '00000000-0000-4000-8000-000000000003'
            $out = Get-VirtualNetwork -Id $id -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'VirtualNetworkNotFound,VIToolkit.Commands.Inventory.GetVirtualNetworkCommand'
            $errs[0].TargetObject | Should -Be $id
        }
    }

    Context 'a URI with a password' {
        It 'keeps the password given in -VMHost out of the error: message, target, text and category' {
            $uri = 'qemu+tcp://admin:S3cretPw@10.0.0.9/system'
            $records = @(Get-CommandError { Get-VirtualNetwork -VMHost $uri })
            $records.FullyQualifiedErrorId | Should -Contain 'VMHostNotFound,VIToolkit.Commands.Inventory.GetVirtualNetworkCommand'
            $records.Count | Should -Be 1
            $records[0].TargetObject | Should -Be 'qemu+tcp://admin@10.0.0.9/system'
            foreach ($text in Get-ErrorRecordText $records) { $text | Should -Not -BeLike '*S3cretPw*' }
        }
    }
}
