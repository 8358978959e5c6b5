BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'New-Cluster'
    $script:ErrorSuffix = ',VIToolkit.Commands.Clusters.NewClusterCommand'
    Enter-PrivateInventory   # private inventory files (TestHelpers); restored in AfterAll
}
AfterAll {
    Exit-PrivateInventory
}

Describe 'New-Cluster parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'AllowMigrationOutOfCluster', 'DrsAutomationLevel', 'DrsEnabled', 'DrsMigrationThreshold', 'HAAdmissionControlEnabled',
        'HAEnabled', 'HAFailoverLevel', 'HAIsolationResponse', 'HARestartPriority', 'Name', 'VMHost' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -Name by position 0, not from the pipeline' {
        $meta = (Get-Command $CommandName).Parameters['Name'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeFalse
    }

    It 'takes an optional -VMHost by position 1 and from the pipeline by value' {
        $meta = (Get-Command $CommandName).Parameters['VMHost'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeFalse
        $meta.Position | Should -Be 1
        $meta.ValueFromPipeline | Should -BeTrue
    }

    It 'has the HA and DRS switches and typed settings' {
        $parameters = (Get-Command $CommandName).Parameters
        foreach ($name in 'HAEnabled', 'HAAdmissionControlEnabled', 'DrsEnabled', 'AllowMigrationOutOfCluster') {
            $parameters[$name].ParameterType | Should -Be ([switch]) -Because "-$name is a switch"
        }
        $parameters['DrsAutomationLevel'].ParameterType | Should -Be ([Nullable[VIToolkit.Core.Inventory.DrsAutomationLevel]])
        $parameters['HARestartPriority'].ParameterType | Should -Be ([Nullable[VIToolkit.Core.Inventory.HARestartPriority]])
        $parameters['HAIsolationResponse'].ParameterType | Should -Be ([Nullable[VIToolkit.Core.Inventory.HAIsolationResponse]])
    }

    It 'limits -HAFailoverLevel to 1..31 and -DrsMigrationThreshold to 1..5' {
        $parameters = (Get-Command $CommandName).Parameters
        $range = $parameters['HAFailoverLevel'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        $range[0].MinRange | Should -Be 1
        $range[0].MaxRange | Should -Be 31
        $range = $parameters['DrsMigrationThreshold'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        $range[0].MinRange | Should -Be 1
        $range[0].MaxRange | Should -Be 5
    }

    It 'supports ShouldProcess with ConfirmImpact Low' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Low'
    }

    It 'refuses -VMHost $null, @($null) and an empty name at binding: $null is neither every host nor none' {
        foreach ($value in $null, @($null), '') {
            { New-Cluster -Name 'NullHosts' -VMHost $value -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Clusters.NewClusterCommand'
        }
    }
}

Describe 'New-Cluster on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-TestLab -HostCount 4 -VMsPerHost 3
        $script:inventory = Use-PrivateInventory 'new-cluster-lab'
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    Context 'creating' {
        It 'creates an empty cluster with the default settings' {
            (Read-StoredInventory).clusters | Should -BeNullOrEmpty -Because 'the inventory is private and starts empty'
            $out = @(New-Cluster -Name 'Empty' -ErrorVariable errs)
            $errs.Count | Should -Be 0
            $out.Count | Should -Be 1
            $cluster = $out[0]
            $cluster | Should -BeOfType ([VIToolkit.Core.Clusters.Cluster])
            $cluster.Name | Should -BeExactly 'Empty'
            $cluster.HAEnabled | Should -BeFalse
            $cluster.HAAdmissionControlEnabled | Should -BeTrue
            $cluster.HAFailoverLevel | Should -Be 1
            "$($cluster.HARestartPriority)" | Should -Be 'Medium'
            "$($cluster.HAIsolationResponse)" | Should -Be 'DoNothing'
            $cluster.DrsEnabled | Should -BeFalse
            "$($cluster.DrsAutomationLevel)" | Should -Be 'FullyAutomated'
            $cluster.DrsMigrationThreshold | Should -Be 3
            $cluster.AllowMigrationOutOfCluster | Should -BeFalse
            $cluster.HostCount | Should -Be 0
            $cluster.VMCount | Should -Be 0
            $cluster.MemoryTotalGB | Should -Be 0
            $cluster.Revision | Should -Be 1
            [guid]::Parse($cluster.Id) | Should -Not -Be ([guid]::Empty)
            @((Read-StoredInventory).clusters.name) | Should -Be @('Empty')
        }

        It 'creates a cluster of two hosts with its settings and the members'' live figures' {
            $hosts = @(Get-VMHost -Name 'esx01', 'esx02')
            $out = New-Cluster -Name 'Prod' -VMHost $hosts -HAEnabled -DrsEnabled -DrsAutomationLevel Manual -HAFailoverLevel 2 `
                -HARestartPriority High -HAIsolationResponse PowerOff -DrsMigrationThreshold 5 -AllowMigrationOutOfCluster
            $out.Name | Should -BeExactly 'Prod'
            $out.HAEnabled | Should -BeTrue
            $out.DrsEnabled | Should -BeTrue
            "$($out.DrsAutomationLevel)" | Should -Be 'Manual'
            $out.HAFailoverLevel | Should -Be 2
            "$($out.HARestartPriority)" | Should -Be 'High'
            "$($out.HAIsolationResponse)" | Should -Be 'PowerOff'
            $out.DrsMigrationThreshold | Should -Be 5
            $out.AllowMigrationOutOfCluster | Should -BeTrue
            $out.VMHostNames | Should -Be @('esx01', 'esx02')
            $out.VMHostUris | Should -Be @($lab.Servers[0].Uri, $lab.Servers[1].Uri)
            $out.HostCount | Should -Be 2
            $out.ConnectedHostCount | Should -Be 2
            $out.VMCount | Should -Be @(Get-VM -VMHost $hosts).Count
            $out.VMCount | Should -Be 6
            $out.NumCpu | Should -Be 64
            $out.CpuTotalMhz | Should -Be (2 * 32 * 2600)
            $out.MemoryTotalGB | Should -Be 512
            $out.MemoryUsageGB | Should -BeGreaterThan 0
            $out.MemoryUsageGB | Should -Be ([math]::Round(($hosts | Measure-Object MemoryUsageGB -Sum).Sum, 2))
            @($out.Servers.Name) | Should -Be @('esx01', 'esx02')
        }

        It 'stores the cluster in the inventory (as Export-VIInventory shows it), hosts by name and URI' {
            $document = Read-StoredInventory
            $document.schemaVersion | Should -Be 2
            $record = @($document.clusters | Where-Object name -eq 'Prod')
            $record.Count | Should -Be 1
            $record[0].hosts.name | Should -Be @('esx01', 'esx02')
            $record[0].hosts.uri | Should -Be @($lab.Servers[0].Uri, $lab.Servers[1].Uri)
            $record[0].ha.enabled | Should -BeTrue
            $record[0].ha.failoverLevel | Should -Be 2
            $record[0].ha.restartPriority | Should -Be 'High'
            $record[0].drs.automationLevel | Should -Be 'Manual'
            $record[0].allowMigrationOutOfCluster | Should -BeTrue
        }

        It 'is seen by another process that uses the same inventory (and reconnects its members)' {
            $script = @'
Import-Module '<module>' -ErrorAction Stop
Get-Cluster -Name Prod | ForEach-Object { "cluster=$($_.Name);hosts=$($_.VMHostNames -join ',');ha=$($_.HAEnabled);drs=$($_.DrsAutomationLevel);connected=$($_.ConnectedHostCount)" }
$null = Connect-VIServer -Cluster Prod -ErrorAction Stop
Get-Cluster -Name Prod | ForEach-Object { "reconnected=$($_.ConnectedHostCount);vms=$($_.VMCount)" }
'@ -replace '<module>', (Get-ModuleUnderTestPath)
            $child = Invoke-ChildPwsh -Command $script
            $child.ExitCode | Should -Be 0 -Because $child.StdErr
            $child.StdOut | Should -Contain 'cluster=Prod;hosts=esx01,esx02;ha=True;drs=Manual;connected=0'
            $child.StdOut | Should -Contain 'reconnected=2;vms=6'
        }

        It 'takes hosts from the pipeline, by name and by wildcard, each host once' {
            $out = Get-VMHost -Name 'esx03' | New-Cluster -Name 'Piped'
            $out.VMHostNames | Should -Be @('esx03')
            (Get-Cluster -Name 'Piped').VMHostNames | Should -Be @('esx03')
            Remove-Cluster 'Piped' -Confirm:$false

            $out = New-Cluster 'Named' 'esx03', 'esx03', 'esx0[3]'
            $out.VMHostNames | Should -Be @('esx03')
            $out.HostCount | Should -Be 1
            Remove-Cluster 'Named' -Confirm:$false
        }

        It 'writes nothing with -WhatIf' {
            $before = Get-InventoryText
            New-Cluster -Name 'WhatIf' -VMHost esx04 -HAEnabled -WhatIf | Should -BeNullOrEmpty
            Get-InventoryText | Should -BeExactly $before
            Get-Cluster -Name 'WhatIf' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'stores nothing with -WhatIf in an empty inventory' {
            $null = Use-PrivateInventory 'new-cluster-whatif'
            try {
                New-Cluster -Name 'WhatIf' -WhatIf | Should -BeNullOrEmpty
                (Read-StoredInventory).clusters | Should -BeNullOrEmpty
            } finally {
                $env:VITOOLKIT_INVENTORY = $inventory
            }
        }
    }

    Context 'refusing' {
        It 'throws ClusterAlreadyExists (ResourceExists, target = the name) for a name that exists, in any case, changing nothing' {
            $before = Get-InventoryText
            $record = { New-Cluster -Name 'PROD' -VMHost esx04 } | Should -Throw -ErrorId "ClusterAlreadyExists$ErrorSuffix" -PassThru
            $record.CategoryInfo.Category | Should -Be 'ResourceExists'
            $record.TargetObject | Should -Be 'PROD'
            Get-InventoryText | Should -BeExactly $before
            @(Get-Cluster -Name 'Prod').Count | Should -Be 1
            (Get-Cluster -Name 'Prod').VMHostNames | Should -Be @('esx01', 'esx02')
        }

        It 'throws HostInAnotherCluster (InvalidOperation, target = the host) for a host that is in another cluster, creating nothing' {
            $before = Get-InventoryText
            $record = { New-Cluster -Name 'Second' -VMHost esx04, esx02 } | Should -Throw -ErrorId "HostInAnotherCluster$ErrorSuffix" -PassThru
            $record.CategoryInfo.Category | Should -Be 'InvalidOperation'
            $record.TargetObject | Should -BeOfType ([VIToolkit.Core.Model.VMHost])
            $record.TargetObject.Name | Should -Be 'esx02'
            "$record" | Should -BeLike "*'Prod'*"
            Get-InventoryText | Should -BeExactly $before
            Get-Cluster -Name 'Second' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            (Get-Cluster -Name 'Prod').VMHostNames | Should -Be @('esx01', 'esx02')
        }

        It 'stops with VMHostNotFound (target = the name) for a host name that is not connected, creating nothing' {
            $caught = $null
            try { New-Cluster -Name 'Ghost' -VMHost esx01, 'nosuchhost' -ErrorAction SilentlyContinue } catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty -Because 'a cluster is made of all its hosts: one that names nothing stops the command'
            $caught.FullyQualifiedErrorId | Should -Be "VMHostNotFound$ErrorSuffix"
            $caught.TargetObject | Should -Be 'nosuchhost'
            Get-Cluster -Name 'Ghost' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'rejects an empty name and out-of-range settings at binding' {
            { New-Cluster -Name '' -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
            { New-Cluster -Name 'Range' -HAFailoverLevel 0 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
            { New-Cluster -Name 'Range' -DrsMigrationThreshold 6 -ErrorAction Stop } | Should -Throw -ErrorId "ParameterArgumentValidationError$ErrorSuffix"
            { New-Cluster -Name 'Range' -DrsAutomationLevel 'Sometimes' -ErrorAction Stop } | Should -Throw -ErrorId "CannotConvertArgumentNoMessage$ErrorSuffix"
            Get-Cluster -Name 'Range' -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }

        It 'throws InvalidClusterName (InvalidArgument, target = the name) for <Label>, writing nothing' -ForEach @(
            @{ Label = 'a wildcard *'; Name = 'a*' }
            @{ Label = 'a wildcard ?'; Name = 'a?' }
            @{ Label = 'brackets'; Name = 'a[1]' }
            @{ Label = 'a backtick'; Name = 'a`b' }
            @{ Label = 'a leading space'; Name = ' lead' }
            @{ Label = 'a trailing space'; Name = 'trail ' }
            @{ Label = 'only spaces'; Name = '   ' }
            @{ Label = 'a tab'; Name = "tab`tname" }
            @{ Label = 'a newline'; Name = "new`nline" }
            @{ Label = 'a NUL character'; Name = "nul`0name" }
            @{ Label = '81 characters'; Name = ('c' * 81) }
        ) {
            $before = Get-InventoryText
            $record = { New-Cluster -Name $Name } | Should -Throw -ErrorId "InvalidClusterName$ErrorSuffix" -PassThru
            $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $record.TargetObject | Should -BeExactly $Name
            Get-InventoryText | Should -BeExactly $before
        }
    }

    Context 'names with path and JSON metacharacters' {
        It 'stores <Label> verbatim, finds it by that exact name, and keeps the file valid JSON in its folder' -ForEach @(
            @{ Label = 'a path traversal (../x)'; Name = '../x' }
            @{ Label = 'a backslash'; Name = 'a\b' }
            @{ Label = 'a double quote'; Name = 'a"b' }
            @{ Label = 'braces'; Name = '{}' }
            @{ Label = 'a JSON fragment'; Name = '"},{"name":"evil' }
            @{ Label = 'a single quote'; Name = "it's" }
            @{ Label = 'non-ASCII letters'; Name = 'Grün-Ωmega' }
            @{ Label = '80 characters'; Name = ('c' * 80) }
        ) {
            $count = @(Get-Cluster).Count
            $folder = @(Get-ChildItem -LiteralPath (Split-Path $inventory) -Name | Sort-Object)
            $out = New-Cluster -Name $Name -ErrorVariable errs
            $errs.Count | Should -Be 0
            $out.Name | Should -BeExactly $Name
            @(Get-Cluster -Name $Name).Name | Should -Be @($Name)
            @(Get-Cluster).Count | Should -Be ($count + 1)
            $document = Read-StoredInventory
            @($document.clusters | Where-Object { $_.name -ceq $Name }).Count | Should -Be 1
            @($document.clusters.name) -contains 'evil' | Should -BeFalse
            # The name never becomes a path: the inventory's folder holds the same files as before.
            @(Get-ChildItem -LiteralPath (Split-Path $inventory) -Name | Sort-Object) | Should -Be $folder
            Remove-Cluster -Cluster $out -Confirm:$false
            Get-Cluster -Name $Name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        }
    }

    Context 'secrets' {
        BeforeAll {
            $script:secret = 's3cret-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
            $path = Join-Path $lab.Path 'secure01.xml'
            @"
<node>
  <cpu><mhz>2000</mhz><model>Test CPU</model><active>4</active><nodes>1</nodes><sockets>1</sockets><cores>2</cores><threads>2</threads></cpu>
  <memory>8388608</memory>
  <auth><user password="$secret">admin</user></auth>
</node>
"@ | Set-Content -LiteralPath $path -Encoding utf8
            $credential = [pscredential]::new('admin', (ConvertTo-SecureString $secret -AsPlainText -Force))
            $script:secure = Connect-VIServer "test://$path" -Credential $credential -NotDefault -ErrorAction Stop
        }
        AfterAll {
            $script:secure | Disconnect-VIServer -Confirm:$false -ErrorAction SilentlyContinue
        }

        It 'stores a host connected with a credential without its password or any credential' {
            $out = New-Cluster -Name 'Secure' -VMHost $secure
            $out.VMHostNames | Should -Be @('secure01')
            $text = Get-InventoryText
            $text | Should -BeLike '*secure01.xml*'
            $text | Should -Not -BeLike "*$secret*"
            $text | Should -Not -Match '(?i)password|credential|secret'
            # Nor anywhere in the store's files (the database and its write-ahead log).
            foreach ($file in Get-ChildItem -LiteralPath (Split-Path $inventory) -File) {
                [System.Text.Encoding]::Latin1.GetString([System.IO.File]::ReadAllBytes($file.FullName)) | Should -Not -BeLike "*$secret*" -Because $file.Name
            }
            ($out | Format-List * | Out-String) | Should -Not -BeLike "*$secret*"
        }
    }

    Context 'a URI with a password' {
        It 'keeps the password given in -VMHost out of the error: message, target, text and category' {
            $uri = 'qemu+tcp://admin:S3cretPw@10.0.0.9/system'
            $records = @(Get-CommandError { New-Cluster -Name 'Secret' -VMHost $uri })
            $records.FullyQualifiedErrorId | Should -Contain 'VMHostNotFound,VIToolkit.Commands.Clusters.NewClusterCommand'
            $records.Count | Should -Be 1
            $records[0].TargetObject | Should -Be 'qemu+tcp://admin@10.0.0.9/system'
            foreach ($text in Get-ErrorRecordText $records) { $text | Should -Not -BeLike '*S3cretPw*' }
        }
    }
}
