BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Set-VMHost'
    # Clusters, maintenance marks and migration URIs go to a private inventory, never to the user's.
    $script:savedInventory = $env:VITOOLKIT_INVENTORY
    $env:VITOOLKIT_INVENTORY = Join-Path $TestDrive 'inventory.json'

    # Name@host of every VM of the lab, sorted: compares where all the VMs are before and after.
    function script:Get-LabLayout($Lab) {
        @(Get-VM -Server $Lab.Servers | ForEach-Object { "$($_.Name)@$($_.VMHostName)" } | Sort-Object)
    }
    function script:Get-Placement($Lab, [string] $Id) {
        @(Get-VM -Server $Lab.Servers | Where-Object Id -eq $Id | ForEach-Object VMHostName)
    }
    # The inventory as stored on disk.
    function script:Read-Inventory { Read-StoredInventory }
    function script:Get-StoredMember([string] $Name) {
        @((Read-Inventory).clusters.hosts | Where-Object name -eq $Name)
    }
    function script:New-LabWith([int] $HostCount, [hashtable] $NetworkRename) {
        $path = Join-Path $TestDrive ('lab-' + [guid]::NewGuid().ToString('N'))
        $params = @{ HostCount = $HostCount; VMsPerHost = 4; Path = $path; PowerState = 'PoweredOn' }
        if ($NetworkRename) { $params.NetworkRename = $NetworkRename }
        $servers = New-VILab @params
        [pscustomobject]@{ Path = $path; Servers = @($servers) }
    }
}

AfterAll {
    $env:VITOOLKIT_INVENTORY = $script:savedInventory
}

Describe 'Set-VMHost parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Evacuate', 'MigrationDataUri', 'MigrationType', 'MigrationUri', 'State', 'VMHost' | Sort-Object
        Get-OwnParameterName $CommandName | Should -Be $expected
    }

    It 'takes a mandatory -VMHost by position 0, from the pipeline' {
        $meta = (Get-Command $CommandName).Parameters['VMHost'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
    }

    It 'offers -State Connected and Maintenance' {
        $type = (Get-Command $CommandName).Parameters['State'].ParameterType
        [enum]::GetNames([Nullable]::GetUnderlyingType($type)) | Should -Be @('Connected', 'Maintenance')
    }

    It 'supports ShouldProcess with ConfirmImpact Medium' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Medium'
    }

    It 'declares VMHost as output' {
        (Get-Command $CommandName).OutputType.Type | Should -Contain ([VIToolkit.Core.Model.VMHost])
    }
}

Describe 'Set-VMHost maintenance mode on a simulated cluster' {
    BeforeAll {
        Reset-DefaultVIServer
        Clear-TestInventory
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 4 -PowerState PoweredOn
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'writes HostNotInCluster (InvalidOperation, target = the host) for a host in no cluster, for either state' {
        $out = Set-VMHost esx01 -State Maintenance -Evacuate -MigrationType Offline -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'HostNotInCluster,VIToolkit.Commands.Migration.SetVMHostCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject.Name | Should -Be 'esx01'
        "$((Get-VMHost esx01).ConnectionState)" | Should -Be 'Connected'
        @(Get-VM -Server esx01).Count | Should -Be 4

        { Set-VMHost esx01 -State Connected -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'HostNotInCluster,VIToolkit.Commands.Migration.SetVMHostCommand'
    }

    It 'writes HostHasRunningVMs, naming them, for a host that runs VMs without -Evacuate, and changes nothing' {
        $null = New-Cluster -Name 'Prod' -VMHost esx01, esx02, esx03
        $before = Get-LabLayout $lab
        $out = Set-VMHost esx01 -State Maintenance -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'HostHasRunningVMs,VIToolkit.Commands.Migration.SetVMHostCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject.Name | Should -Be 'esx01'
        foreach ($name in @(Get-VM -Server esx01).Name) { $errs[0].Exception.Message | Should -BeLike "*$name*" }
        Get-LabLayout $lab | Should -Be $before
        "$((Get-VMHost esx01).ConnectionState)" | Should -Be 'Connected'
        (Get-Cluster 'Prod').MaintenanceHosts | Should -BeNullOrEmpty
        (Get-StoredMember 'esx01').maintenance | Should -BeFalse
    }

    It 'never powers a VM off unasked: -Evacuate with -MigrationType Auto (the default) is refused as a whole on simulated hosts (EvacuationNotPossible), and nothing moves' {
        $before = Get-LabLayout $lab
        $running = @(Get-VM -Server esx01 | Where-Object PowerState -eq 'PoweredOn').Name
        foreach ($type in @($null, 'Auto')) {
            $arguments = @{}
            if ($type) { $arguments.MigrationType = $type }
            $out = @(Set-VMHost esx01 -State Maintenance -Evacuate @arguments -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'EvacuationNotPossible,VIToolkit.Commands.Migration.SetVMHostCommand'
            $errs[0].Exception.Message | Should -BeLike '*cannot move live*simulated hosts have no live migration*-MigrationType Offline*'
            foreach ($name in $running) { $errs[0].Exception.Message | Should -BeLike "*$name*" }
            Get-LabLayout $lab | Should -Be $before
            @(Get-VM -Server esx01 | Where-Object PowerState -eq 'PoweredOn').Name | Should -Be $running
            "$((Get-VMHost esx01).ConnectionState)" | Should -Be 'Connected'
        }
    }

    It 'changes nothing with -Evacuate -WhatIf' {
        $before = Get-LabLayout $lab
        $out = Set-VMHost esx01 -State Maintenance -Evacuate -MigrationType Offline -WhatIf
        $out | Should -BeNullOrEmpty
        Get-LabLayout $lab | Should -Be $before
        "$((Get-VMHost esx01).ConnectionState)" | Should -Be 'Connected'
        (Get-Cluster 'Prod').MaintenanceHosts | Should -BeNullOrEmpty
    }

    It 'with -Evacuate moves every running VM to the other members, leaves powered-off VMs, then enters maintenance mode' {
        $stopped = @(Get-VM -Server esx01)[0]
        $null = Stop-VM $stopped -Confirm:$false
        $running = @(Get-VM -Server esx01 | Where-Object PowerState -eq 'PoweredOn')
        $running.Count | Should -Be 3
        $knownTasks = @(Get-Task).Id

        $out = @(Set-VMHost esx01 -State Maintenance -Evacuate -MigrationType Offline -Confirm:$false -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 1
        $out[0] | Should -BeOfType ([VIToolkit.Core.Model.VMHost])
        $out[0].Name | Should -Be 'esx01'
        "$($out[0].ConnectionState)" | Should -Be 'Maintenance'
        $out[0].VMCount | Should -Be 1

        foreach ($vm in $running) {
            $where = @(Get-Placement $lab $vm.Id)
            $where.Count | Should -Be 1 -Because "VM $($vm.Name) must be defined on exactly one host"
            $where[0] | Should -BeIn @('esx02', 'esx03')
            "$((Get-VM $vm.Name).PowerState)" | Should -Be 'PoweredOn'
        }
        Get-Placement $lab $stopped.Id | Should -Be @('esx01')

        "$((Get-VMHost esx01).ConnectionState)" | Should -Be 'Maintenance'
        "$((Get-VMHost esx02).ConnectionState)" | Should -Be 'Connected'
        (Get-Cluster 'Prod').MaintenanceHosts | Should -Be @('esx01')
        (Get-StoredMember 'esx01').maintenance | Should -BeTrue
        (Get-StoredMember 'esx02').maintenance | Should -BeFalse

        $evacuations = @(Get-Task | Where-Object { $_.Id -notin $knownTasks -and $_.Name -eq 'Set-VMHost' })
        $evacuations.Count | Should -Be 3
        @($evacuations.State | ForEach-Object { "$_" } | Sort-Object -Unique) | Should -Be @('Success')
        @($evacuations.Target.Id | Sort-Object) | Should -Be @($running.Id | Sort-Object)
    }

    It 'keeps Move-VM to the cluster off the host in maintenance' {
        $vms = @(Get-VM -Server esx02, esx03 | Select-Object -First 4)
        $out = @($vms | Move-VM -MigrationType Offline -Destination 'Prod' -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 4
        foreach ($moved in $out) { $moved.VMHostName | Should -BeIn @('esx02', 'esx03') }
        @(Get-VM -Server esx01 | Where-Object Id -in $vms.Id).Count | Should -Be 0
    }

    It 'makes Move-VM refuse the host in maintenance as a destination (DestinationInMaintenance)' {
        $vm = @(Get-VM -Server esx02)[0]
        $null = Move-VM -MigrationType Offline $vm -Destination esx01 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'MigrationIncompatible,VIToolkit.Commands.Migration.MoveVMCommand'
        @($errs[0].Exception.Report.Issues.Code) | Should -Contain 'DestinationInMaintenance'
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
    }

    It 'puts a host in maintenance mode again without complaint, and with no running VM without -Evacuate' {
        $out = Set-VMHost esx01 -State Maintenance -Confirm:$false -ErrorVariable errs
        $errs.Count | Should -Be 0
        "$($out.ConnectionState)" | Should -Be 'Maintenance'
    }

    It 'with -State Connected brings the host back: out of MaintenanceHosts, and placement uses it again' {
        $out = @(Get-VMHost esx01 | Set-VMHost -State Connected -Confirm:$false -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 1
        "$($out[0].ConnectionState)" | Should -Be 'Connected'
        "$((Get-VMHost esx01).ConnectionState)" | Should -Be 'Connected'
        (Get-Cluster 'Prod').MaintenanceHosts | Should -BeNullOrEmpty
        (Get-StoredMember 'esx01').maintenance | Should -BeFalse

        # esx01 runs nothing now: it has by far the most free memory, so placement picks it.
        $vm = @(Get-VM -Server esx02 | Where-Object PowerState -eq 'PoweredOn')[0]
        (Move-VM -MigrationType Offline $vm -Destination 'Prod' -WarningAction SilentlyContinue).VMHostName | Should -Be 'esx01'
        Get-Placement $lab $vm.Id | Should -Be @('esx01')
    }

    It 'stops before anything for -Evacuate without -State Maintenance (EvacuateWithoutMaintenance)' {
        $before = Get-LabLayout $lab
        { Set-VMHost esx02 -Evacuate -MigrationType Offline -Confirm:$false -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'EvacuateWithoutMaintenance,VIToolkit.Commands.Migration.SetVMHostCommand'
        Get-LabLayout $lab | Should -Be $before
        "$((Get-VMHost esx02).ConnectionState)" | Should -Be 'Connected'
    }

    It 'shows a reconnected host in maintenance mode again (the mark is in the inventory)' {
        $null = Get-VM -Server esx03 | Stop-VM -Confirm:$false -WarningAction SilentlyContinue
        $null = Set-VMHost esx03 -State Maintenance -Confirm:$false
        $uri = $lab.Servers[2].Uri
        Disconnect-VIServer $lab.Servers[2] -Confirm:$false
        $again = Connect-VIServer -Server $uri -NotDefault
        try {
            # The connection shows its link; the host shows the maintenance mark, which is kept once, in the inventory.
            "$($again.ConnectionState)" | Should -Be 'Connected'
            "$((Get-VMHost -Server $again).ConnectionState)" | Should -Be 'Maintenance'
            $null = Set-VMHost $again -State Connected -Confirm:$false
            "$($again.ConnectionState)" | Should -Be 'Connected'
        } finally {
            Disconnect-VIServer $again -Confirm:$false -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Set-VMHost -Evacuate -MigrationType Offline refused as a whole' {
    AfterEach {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'refuses with EvacuationNotPossible when the other member lacks the memory, and moves nothing' {
        Reset-DefaultVIServer
        Clear-TestInventory
        $script:lab = New-LabWith -HostCount 2
        $null = New-Cluster -Name 'Tight' -VMHost esx01, esx02
        # esx02 gets a 240 GB VM running: the VMs of esx01 no longer fit beside it.
        $big = @(Get-VM -Server esx02)[0]
        $null = Stop-VM $big -Confirm:$false
        $null = Set-VM $big -MemoryGB 240 -Confirm:$false
        $null = Start-VM $big
        $before = Get-LabLayout $lab
        $knownTasks = @(Get-Task).Id

        $out = Set-VMHost esx01 -State Maintenance -Evacuate -MigrationType Offline -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'EvacuationNotPossible,VIToolkit.Commands.Migration.SetVMHostCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject.Name | Should -Be 'esx01'
        $errs[0].Exception.Message | Should -BeLike "*nothing was moved*esx02: not enough free memory or CPUs*"
        Get-LabLayout $lab | Should -Be $before
        @(Get-Task | Where-Object { $_.Id -notin $knownTasks }).Count | Should -Be 0
        "$((Get-VMHost esx01).ConnectionState)" | Should -Be 'Connected'
        (Get-Cluster 'Tight').MaintenanceHosts | Should -BeNullOrEmpty
    }

    It 'refuses with EvacuationNotPossible when the other member lacks a network, and moves nothing (not even the VMs that fit)' {
        Reset-DefaultVIServer
        Clear-TestInventory
        $script:lab = New-LabWith -HostCount 2 -NetworkRename @{ esx02 = @{ 'Priv172.17' = 'Private_172.17' } }
        $null = New-Cluster -Name 'Split' -VMHost esx01, esx02
        $domains = ([xml](Get-Content -LiteralPath (Join-Path $lab.Path 'esx01.xml') -Raw)).node.domain
        $onPriv = @($domains | Where-Object { $_.devices.interface.source.network -eq 'Priv172.17' }).name
        $elsewhere = @($domains | Where-Object { $_.devices.interface.source.network -ne 'Priv172.17' }).name
        $onPriv.Count | Should -BeGreaterThan 0
        $elsewhere.Count | Should -BeGreaterThan 0
        $before = Get-LabLayout $lab

        $out = Set-VMHost esx01 -State Maintenance -Evacuate -MigrationType Offline -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'EvacuationNotPossible,VIToolkit.Commands.Migration.SetVMHostCommand'
        foreach ($name in $onPriv) { $errs[0].Exception.Message | Should -BeLike "*'$name' (esx02: NetworkNameNearMiss)*" }
        foreach ($name in $elsewhere) { $errs[0].Exception.Message | Should -Not -BeLike "*'$name'*" }
        Get-LabLayout $lab | Should -Be $before
        "$((Get-VMHost esx01).ConnectionState)" | Should -Be 'Connected'
        (Get-Cluster 'Split').MaintenanceHosts | Should -BeNullOrEmpty
    }
}

Describe 'Set-VMHost migration URIs' {
    BeforeAll {
        Reset-DefaultVIServer
        Clear-TestInventory
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 1 -PowerState PoweredOn
        function script:Get-StoredHost([string] $Name) {
            @((Read-Inventory).hosts | Where-Object name -eq $Name)
        }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'stores -MigrationUri and -MigrationDataUri in the inventory file, for a host in no cluster' {
        $out = @(Set-VMHost esx02 -MigrationUri 'qemu+ssh://root@10.0.0.2/system' -MigrationDataUri 'tcp://10.0.0.2' -Confirm:$false -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 1
        $out[0].Name | Should -Be 'esx02'
        "$($out[0].ConnectionState)" | Should -Be 'Connected'
        $stored = Get-StoredHost 'esx02'
        $stored.Count | Should -Be 1
        $stored[0].uri | Should -Be $lab.Servers[1].Uri
        $stored[0].migrationUri | Should -Be 'qemu+ssh://root@10.0.0.2/system'
        $stored[0].migrationDataUri | Should -Be 'tcp://10.0.0.2'
        Get-StoredHost 'esx01' | Should -BeNullOrEmpty
    }

    It 'refuses a password in <Parameter> (CredentialInUri, InvalidArgument), stores nothing and echoes no secret' -ForEach @(
        @{ Parameter = 'MigrationUri'; Value = 'qemu+ssh://root:s3cretPw@10.0.0.1/system' }
        @{ Parameter = 'MigrationDataUri'; Value = 'tcp://admin:s3cretPw@10.0.0.1' }
    ) {
        $before = Get-InventoryText
        $arguments = @{ $Parameter = $Value }
        $out = @(Set-VMHost esx01 @arguments -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'CredentialInUri,VIToolkit.Commands.Migration.SetVMHostCommand'
        "$($errs[0].CategoryInfo.Category)" | Should -Be 'InvalidArgument'
        ($errs[0] | Format-List * -Force | Out-String) + $errs[0].Exception.Message + "$($errs[0].Exception.Target)" | Should -Not -BeLike '*s3cretPw*'
        $errs[0].Exception.Message | Should -BeLike '*never stores*'
        Get-InventoryText | Should -BeExactly $before
        Get-StoredHost 'esx01' | Should -BeNullOrEmpty
    }

    It 'keeps a value that is not given, and clears one given as an empty string' {
        $null = Set-VMHost esx02 -MigrationDataUri 'tcp://10.9.9.2' -Confirm:$false
        $stored = Get-StoredHost 'esx02'
        $stored[0].migrationUri | Should -Be 'qemu+ssh://root@10.0.0.2/system'
        $stored[0].migrationDataUri | Should -Be 'tcp://10.9.9.2'
        $null = Set-VMHost esx02 -MigrationUri '' -Confirm:$false
        $stored = Get-StoredHost 'esx02'
        $stored.Count | Should -Be 1
        $stored[0].migrationUri | Should -BeNullOrEmpty
        $stored[0].migrationDataUri | Should -Be 'tcp://10.9.9.2'
    }

    It 'stores nothing with -WhatIf' {
        $null = Set-VMHost esx01 -MigrationUri 'qemu+ssh://root@10.0.0.1/system' -WhatIf
        Get-StoredHost 'esx01' | Should -BeNullOrEmpty
    }

    It 'stops before anything for a -MigrationDataUri that is not an absolute URI (InvalidUri)' {
        { Set-VMHost esx01 -MigrationUri 'qemu+ssh://root@10.0.0.1/system' -MigrationDataUri 'not a uri' -Confirm:$false -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'InvalidUri,VIToolkit.Commands.Migration.SetVMHostCommand'
        Get-StoredHost 'esx01' | Should -BeNullOrEmpty
    }

    It 'writes a non-terminating InvalidUri for a -MigrationUri that is not a libvirt URI, and goes on with the other hosts' {
        $out = @(Set-VMHost esx01, esx02 -MigrationUri 'kvm01' -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidUri,VIToolkit.Commands.Migration.SetVMHostCommand'
        $errs[0].TargetObject.Name | Should -Be 'esx01'
        $errs[1].TargetObject.Name | Should -Be 'esx02'
        $out | Should -BeNullOrEmpty
        Get-StoredHost 'esx01' | Should -BeNullOrEmpty
        (Get-StoredHost 'esx02')[0].migrationDataUri | Should -Be 'tcp://10.9.9.2'
    }

    Context 'a URI with a password' {
        It 'keeps the password given in -VMHost out of the error: message, target, text and category' {
            $uri = 'qemu+tcp://admin:S3cretPw@10.0.0.9/system'
            $records = @(Get-CommandError { Set-VMHost -VMHost $uri -State Maintenance -Confirm:$false })
            $records.FullyQualifiedErrorId | Should -Contain 'VMHostNotFound,VIToolkit.Commands.Migration.SetVMHostCommand'
            $records.Count | Should -Be 1
            $records[0].TargetObject | Should -Be 'qemu+tcp://admin@10.0.0.9/system'
            foreach ($text in Get-ErrorRecordText $records) { $text | Should -Not -BeLike '*S3cretPw*' }
        }
    }
}

# What an asked-for offline evacuation writes, and that the help says just that (issue 10, item 18: the help said
# only "-Verbose writes a line per VM moved, saying how").
Describe 'Set-VMHost -Evacuate -MigrationType Offline on a simulated cluster: what it writes, as its help says' {
    BeforeAll {
        Reset-DefaultVIServer
        Clear-TestInventory
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 3 -PowerState PoweredOn
        $null = New-Cluster -Name Prod -VMHost esx01, esx02, esx03
        $script:movedLine = "^VM '(?<vm>[^']+)': Offline (?<from>\S+) -> (?<to>\S+) in \d+\.\d s$"
        $script:help = (Get-Help Set-VMHost -Full | Out-String -Width 400) -replace '\s+', ' '
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'writes the host and nothing else without -Verbose: no warning, no information, no error' {
        $running = @(Get-VM -Server esx03 | Where-Object PowerState -eq 'PoweredOn')
        $running.Count | Should -BeGreaterThan 0
        $all = @(Set-VMHost esx03 -State Maintenance -Evacuate -MigrationType Offline -Confirm:$false *>&1)
        $all.Count | Should -Be 1 -Because "it wrote: $($all | ForEach-Object { "[$($_.GetType().Name)] $_" })"
        $all[0] | Should -BeOfType ([VIToolkit.Core.Model.VMHost])
        "$($all[0].ConnectionState)" | Should -Be 'Maintenance'
        $null = Set-VMHost esx03 -State Connected -Confirm:$false
    }

    It 'writes with -Verbose the plan, then one line per VM moved: the kind of move, source, destination, duration' {
        $running = @(Get-VM -Server esx02 | Where-Object PowerState -eq 'PoweredOn')
        $knownTasks = @(Get-Task).Id
        $all = @(Set-VMHost esx02 -State Maintenance -Evacuate -MigrationType Offline -Confirm:$false -Verbose *>&1)
        $verbose = @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] }) | Should -BeNullOrEmpty
        $verbose[0] | Should -Match "Move $($running.Count) VM\(s\) \(.+\), then enter maintenance mode"
        $moves = @($verbose | Select-Object -Skip 1)
        $moves.Count | Should -Be $running.Count
        foreach ($line in $moves) {
            $line -match $movedLine | Should -BeTrue -Because "'$line' is a move line"
            $Matches.from | Should -Be 'esx02'
            $Matches.to | Should -BeIn 'esx01', 'esx03'
        }
        @($moves | ForEach-Object { ($_ -replace $movedLine, '${vm}') } | Sort-Object) | Should -Be @($running.Name | Sort-Object)

        $tasks = @(Get-Task | Where-Object { $_.Id -notin $knownTasks -and $_.Name -eq 'Set-VMHost' })
        $tasks.Count | Should -Be $running.Count
        foreach ($task in $tasks) {
            "$($task.Result.Migration.Type)" | Should -Be 'Offline'
            $task.Result.Migration.PoweredOffForMove | Should -BeTrue
        }
        $null = Set-VMHost esx02 -State Connected -Confirm:$false
    }

    It 'has help that says so: no warning, the host only, and the -Verbose line as it is written' {
        $help | Should -BeLike '*What it writes: the host, and nothing else. No warning is written*'
        $help | Should -BeLike '*Get-Task lists the moves (named Set-VMHost)*PoweredOffForMove*'
        $quoted = [regex]::Matches($help, '"(VM ''[^"]+)"') | ForEach-Object { $_.Groups[1].Value }
        $quoted | Should -Not -BeNullOrEmpty
        foreach ($line in $quoted) { $line | Should -Match $movedLine -Because 'the help quotes the line -Verbose writes' }
    }
}
