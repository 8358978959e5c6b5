BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Move-VM'
    # Clusters and host settings go to a private inventory, never to the user's.
    $script:savedInventory = $env:VITOOLKIT_INVENTORY
    $env:VITOOLKIT_INVENTORY = Join-Path $TestDrive 'inventory.json'

    # Where a VM (by Id) is defined now, counted on every server of the lab: one host name per definition.
    # This file's lab host of that name (by object: hosts of other labs may have the same names).
    function script:Get-LabServer([string] $Name) { $script:lab.Servers | Where-Object Name -eq $Name }
    function script:Get-Placement($Lab, [string] $Id) {
        @(Get-VM -Server $Lab.Servers | Where-Object Id -eq $Id | ForEach-Object VMHostName)
    }
    # The names of the VMs of a lab host whose NIC uses a network, read from the host file New-VILab wrote.
    function script:Get-VMNameOnNetwork([string] $HostFile, [string] $Network) {
        @(([xml](Get-Content -LiteralPath $HostFile -Raw)).node.domain |
                Where-Object { $_.devices.interface.source.network -eq $Network } | ForEach-Object name)
    }
    # A lab built with New-VILab directly (for options New-TestLab does not pass), removable with Remove-TestLab.
    function script:New-RenamedNetworkLab([int] $HostCount, [hashtable] $NetworkRename) {
        $path = Join-Path $TestDrive ('lab-' + [guid]::NewGuid().ToString('N'))
        $servers = New-VILab -HostCount $HostCount -VMsPerHost 4 -Path $path -PowerState PoweredOn -NetworkRename $NetworkRename
        [pscustomobject]@{ Path = $path; Servers = @($servers) }
    }
    # The per-host bound on moves out of a host (2 at a time in a process): the semaphore of a source host, created by
    # its first move. Holding its slots keeps later moves out of that host Queued, which nothing else in a simulated
    # lab can do (the test driver moves a VM in milliseconds).
    function script:Get-OutboundGate([string] $ServerUri) {
        [VIToolkit.Core.Engine.VISession]::Default.MigrationGates.Outbound($ServerUri)
    }
    function script:Wait-Until([scriptblock] $Condition, [int] $Seconds = 10) {
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Timed out after $Seconds s waiting for: $Condition" }
            Start-Sleep -Milliseconds 50
        }
    }
}

AfterAll {
    $env:VITOOLKIT_INVENTORY = $script:savedInventory
}

Describe 'Move-VM parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        $expected = 'Destination', 'MigrationType', 'RunAsync', 'Server', 'SkipCompatibilityCheck', 'ThrottleLimit', 'VM' | Sort-Object
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

    It 'offers -MigrationType Auto, Live and Offline, and switches -RunAsync and -SkipCompatibilityCheck' {
        $parameters = (Get-Command $CommandName).Parameters
        [enum]::GetNames($parameters['MigrationType'].ParameterType) | Should -Be @('Auto', 'Live', 'Offline')
        $parameters['RunAsync'].ParameterType | Should -Be ([switch])
        $parameters['SkipCompatibilityCheck'].ParameterType | Should -Be ([switch])
    }

    It 'limits -ThrottleLimit to 1..256' {
        $range = (Get-Command $CommandName).Parameters['ThrottleLimit'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        $range.Count | Should -Be 1
        $range[0].MinRange | Should -Be 1
        $range[0].MaxRange | Should -Be 256
    }

    It 'supports ShouldProcess with ConfirmImpact Medium' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Medium'
    }

    It 'declares VMs and tasks as output' {
        $types = (Get-Command $CommandName).OutputType.Type
        $types | Should -Contain ([VIToolkit.Core.Model.VirtualMachine])
        $types | Should -Contain ([VIToolkit.Core.Tasks.VITask])
    }
}

Describe 'Move-VM between hosts of a simulated lab (no cluster)' {
    BeforeAll {
        Reset-DefaultVIServer
        Clear-TestInventory
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 6 -PowerState PoweredOn
        $script:esx01, $script:esx02, $script:esx03 = $lab.Servers
        # A VM of esx01 that has not been moved yet, read afresh.
        function script:Get-Unmoved {
            $vm = Get-VM -Server $esx01 | Where-Object { $_.Id -notin $script:used -and $_.PowerState -eq 'PoweredOn' } | Select-Object -First 1
            $vm | Should -Not -BeNullOrEmpty -Because 'the test needs a running VM of esx01 not used yet'
            $script:used += $vm.Id
            $vm
        }
        $script:used = @()
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'refuses to power a running VM off with -MigrationType Auto (PowerOffRequired): it keeps running where it is, nothing is defined elsewhere' {
        $vm = Get-Unmoved
        foreach ($type in @($null, 'Auto')) {
            $arguments = @{}
            if ($type) { $arguments.MigrationType = $type }
            $out = @(Move-VM -VM $vm -Destination (Get-VMHost esx02) @arguments -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue)
            $out | Should -BeNullOrEmpty
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'PowerOffRequired,VIToolkit.Commands.Migration.MoveVMCommand'
            "$($errs[0].CategoryInfo.Category)" | Should -Be 'InvalidOperation'
            $errs[0].TargetObject.Id | Should -Be $vm.Id
            $errs[0].Exception.Message | Should -BeLike '*simulated hosts have no live migration*-MigrationType Offline*'
            Get-Placement $lab $vm.Id | Should -Be @('esx01')
            "$((Get-VM $vm.Name -Server esx01).PowerState)" | Should -Be 'PoweredOn'
            (Get-VM -Server esx01 -Name $vm.Name).State | Should -Be 'Running'
        }
        $script:used = @($script:used | Where-Object { $_ -ne $vm.Id })   # it did not move: the next tests may use it
    }

    It 'moves a running VM given as an object to a host given as an object with -MigrationType Offline: asked for, so no warning; returns it there' {
        $vm = Get-Unmoved
        $out = @(Move-VM -MigrationType Offline -VM $vm -Destination (Get-VMHost esx02) -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs -Verbose 4>&1)
        $errs.Count | Should -Be 0
        $moved = @($out | Where-Object { $_ -is [VIToolkit.Core.Model.VirtualMachine] })
        $moved.Count | Should -Be 1
        $moved[0].Id | Should -Be $vm.Id
        $moved[0].Name | Should -Be $vm.Name
        $moved[0].VMHostName | Should -Be 'esx02'
        "$($moved[0].PowerState)" | Should -Be 'PoweredOn'
        $moved[0].Migration.PoweredOffForMove | Should -BeTrue
        $warnings.Count | Should -Be 0
        @($out | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and "$_" -like "VM '$($vm.Name)':*Offline*" }).Count | Should -Be 1
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
        "$((Get-VM $vm.Name).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'fills the Migration property: Offline, define/undefine, hosts, times, no live figures, powered off for the move' {
        $vm = Get-Unmoved
        $before = Get-Date
        $out = Move-VM -MigrationType Offline $vm esx03 -WarningAction SilentlyContinue
        $info = $out.Migration
        $info | Should -BeOfType ([VIToolkit.Core.Model.MigrationInfo])
        "$($info.Type)" | Should -Be 'Offline'
        $info.Method | Should -Be 'define on destination, undefine on source (offline)'
        $info.Source | Should -Be 'esx01'
        $info.Destination | Should -Be 'esx03'
        $info.StartTime | Should -BeGreaterOrEqual $before.AddSeconds(-1)
        $info.StartTime | Should -BeLessOrEqual (Get-Date)
        $info.Duration | Should -BeOfType ([timespan])
        $info.Duration | Should -BeGreaterOrEqual ([timespan]::Zero)
        $info.DowntimeMs | Should -BeNullOrEmpty
        $info.BytesTransferred | Should -BeNullOrEmpty
        $info.PoweredOffForMove | Should -BeTrue
        (Get-VM $vm.Name).Migration | Should -BeNullOrEmpty -Because 'only the object Move-VM -MigrationType Offline returns carries the Migration'
    }

    It 'moves a VM given by name to a host given by name (both by position)' {
        $vm = Get-Unmoved
        $out = Move-VM -MigrationType Offline $vm.Name 'esx02' -WarningAction SilentlyContinue
        $out.VMHostName | Should -Be 'esx02'
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
    }

    It 'moves a VM to a host given as a VIServer object, and a host name without regard to case' {
        $vm = Get-Unmoved
        (Move-VM -MigrationType Offline $vm -Destination $esx03 -WarningAction SilentlyContinue).VMHostName | Should -Be 'esx03'
        (Move-VM -MigrationType Offline $vm.Name -Destination 'ESX02' -WarningAction SilentlyContinue).VMHostName | Should -Be 'esx02'
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
    }

    It 'moves the VMs piped in (objects, then names) and outputs them in input order' {
        $piped = @(Get-VM -Server $esx02 | Select-Object -First 3)
        $out = @($piped | Move-VM -MigrationType Offline -Destination esx03 -WarningAction SilentlyContinue)
        $out.Id | Should -Be $piped.Id
        @($out.VMHostName | Sort-Object -Unique) | Should -Be @('esx03')
        foreach ($vm in $piped) { Get-Placement $lab $vm.Id | Should -Be @('esx03') }

        $names = @($piped.Name)
        $back = @($names | Move-VM -MigrationType Offline -Destination esx02 -WarningAction SilentlyContinue)
        $back.Name | Should -Be $names
        foreach ($vm in $piped) { Get-Placement $lab $vm.Id | Should -Be @('esx02') }
    }

    It 'moves a VM given twice (by name and by object) once' {
        $vm = @(Get-VM -Server $esx03)[0]
        $out = @(Move-VM -MigrationType Offline -VM $vm, $vm.Name -Destination esx01 -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 1
        Get-Placement $lab $vm.Id | Should -Be @('esx01')
        $script:used += $vm.Id
    }

    It 'moves a powered-off VM offline without a warning, and it stays off' {
        $vm = Get-Unmoved
        $null = Stop-VM $vm -Confirm:$false
        $out = Move-VM -MigrationType Offline $vm -Destination esx02 -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 0
        $out.VMHostName | Should -Be 'esx02'
        "$($out.PowerState)" | Should -Be 'PoweredOff'
        "$($out.Migration.Type)" | Should -Be 'Offline'
        $out.Migration.PoweredOffForMove | Should -BeFalse
        "$((Get-VM $vm.Name).PowerState)" | Should -Be 'PoweredOff'
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
    }

    It 'moves a paused VM offline: it is paused again on the destination' {
        $vm = Get-Unmoved
        $null = Suspend-VM $vm
        $out = Move-VM -MigrationType Offline $vm -Destination esx02 -WarningAction SilentlyContinue
        $out.VMHostName | Should -Be 'esx02'
        "$($out.PowerState)" | Should -Be 'Suspended'
        $out.State | Should -Be 'Paused'
        $out.Migration.PoweredOffForMove | Should -BeTrue
        (Get-VM $vm.Name).State | Should -Be 'Paused'
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
    }

    It 'with -MigrationType Offline powers a running VM off and on without a warning' {
        $vm = @(Get-VM -Server $esx02 | Where-Object PowerState -eq 'PoweredOn')[0]
        $out = Move-VM $vm -Destination esx03 -MigrationType Offline -WarningVariable warnings -WarningAction SilentlyContinue
        $warnings.Count | Should -Be 0
        "$($out.Migration.Type)" | Should -Be 'Offline'
        $out.Migration.PoweredOffForMove | Should -BeTrue
        "$($out.PowerState)" | Should -Be 'PoweredOn'
        Get-Placement $lab $vm.Id | Should -Be @('esx03')
    }

    It 'with -MigrationType Live writes LiveMigrationNotSupported (simulated hosts) and leaves the VM where it is' {
        $vm = @(Get-VM -Server $esx03 | Where-Object PowerState -eq 'PoweredOn')[0]
        $out = Move-VM $vm -Destination esx01 -MigrationType Live -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'LiveMigrationNotSupported,VIToolkit.Commands.Migration.MoveVMCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'NotImplemented'
        $errs[0].TargetObject.Id | Should -Be $vm.Id
        $errs[0].Exception.Message | Should -BeLike '*simulated hosts have no live migration*'
        Get-Placement $lab $vm.Id | Should -Be @('esx03')
        "$((Get-VM $vm.Name).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'with -MigrationType Live writes LiveMigrationNotPossible for a powered-off VM' {
        $vm = @(Get-VM -Server $esx03 | Where-Object PowerState -eq 'PoweredOn')[0]
        $null = Stop-VM $vm -Confirm:$false
        { Move-VM $vm -Destination esx01 -MigrationType Live -ErrorAction Stop } |
            Should -Throw -ErrorId 'LiveMigrationNotPossible,VIToolkit.Commands.Migration.MoveVMCommand'
        Get-Placement $lab $vm.Id | Should -Be @('esx03')
        $null = Start-VM $vm
    }

    It 'writes DestinationIsSource (InvalidArgument, target = the VM) when the VM is already on the destination' {
        $vm = @(Get-VM -Server $esx02)[0]
        $out = Move-VM -MigrationType Offline $vm -Destination esx02 -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'DestinationIsSource,VIToolkit.Commands.Migration.MoveVMCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $errs[0].TargetObject.Id | Should -Be $vm.Id
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
    }

    It 'stops with a terminating DestinationNotFound for a destination that is no host and no cluster, moving nothing' {
        $vms = @(Get-VM -Server $esx02 | Select-Object -First 2)
        $caught = $null
        try { $null = $vms | Move-VM -MigrationType Offline -Destination 'nosuchhost' -ErrorAction SilentlyContinue } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty -Because 'DestinationNotFound is terminating, whatever -ErrorAction says'
        $caught.FullyQualifiedErrorId | Should -Be 'DestinationNotFound,VIToolkit.Commands.Migration.MoveVMCommand'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        foreach ($vm in $vms) { Get-Placement $lab $vm.Id | Should -Be @('esx02') }
    }

    It 'changes nothing with -WhatIf, and starts no task' {
        $vm = @(Get-VM -Server $esx02)[0]
        $tasksBefore = @(Get-Task).Count
        $out = Move-VM -MigrationType Offline $vm -Destination esx01 -WhatIf
        $out | Should -BeNullOrEmpty
        @(Get-Task).Count | Should -Be $tasksBefore
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
    }

    It 'writes VMHasSnapshots for a VM with a snapshot, leaves it (and its snapshot) in place, and moves the others' {
        $vm, $other = @(Get-VM -Server $esx02 | Where-Object PowerState -eq 'PoweredOn' | Select-Object -First 2)
        $null = New-Snapshot -VM $vm -Name 'before-move'
        $out = @(Move-VM -MigrationType Offline $vm, $other -Destination esx01 -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'VMHasSnapshots,VIToolkit.Commands.Migration.MoveVMCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject.Id | Should -Be $vm.Id
        $out.Id | Should -Be @($other.Id)
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
        "$((Get-VM $vm.Name).PowerState)" | Should -Be 'PoweredOn'
        @(Get-Snapshot -VM $vm).Name | Should -Be @('before-move')
        Get-Placement $lab $other.Id | Should -Be @('esx01')
        Get-Snapshot -VM $vm | Remove-Snapshot -Confirm:$false
    }

    It 'writes VMSuspendedToDisk for a VM suspended to disk and leaves it suspended in place' {
        $vm = @(Get-VM -Server $esx02 | Where-Object PowerState -eq 'PoweredOn')[0]
        $null = Suspend-VM $vm -ToDisk
        { Move-VM -MigrationType Offline $vm -Destination esx01 -ErrorAction Stop } | Should -Throw -ErrorId 'VMSuspendedToDisk,VIToolkit.Commands.Migration.MoveVMCommand'
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
        "$((Get-VM $vm.Name).PowerState)" | Should -Be 'Suspended'
        $null = Start-VM $vm
    }

    It 'writes one VMNotFound for a name that matches no VM, and moves the others' {
        $vm = @(Get-VM -Server $esx02)[0]
        $out = @(Move-VM -MigrationType Offline $vm.Name, 'nosuchvm' -Destination esx03 -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.Migration.MoveVMCommand'
        $out.Id | Should -Be @($vm.Id)
        Get-Placement $lab $vm.Id | Should -Be @('esx03')
    }

    It 'keeps every VM of the lab defined on exactly one host after all these moves' {
        $all = @(Get-VM -Server $lab.Servers)
        $all.Count | Should -Be 18
        @($all.Id | Sort-Object -Unique).Count | Should -Be 18
    }

    Context 'an earlier VMNotFound' {
        It 'is not reported again for a wildcard that matches nothing, $null or @($null), even after other commands' {
            Assert-NoStaleVMNotFound { param($vm) Move-VM -MigrationType Offline -VM $vm -Destination esx01 -Confirm:$false }
        }
    }

    Context 'a URI with a password' {
        It 'keeps the password given in -Destination out of the error: message, target, text and category' {
            $uri = 'qemu+tcp://admin:S3cretPw@10.0.0.9/system'
            $records = @(Get-CommandError { Move-VM -VM @(Get-VM)[0] -Destination $uri -Confirm:$false })
            $records.FullyQualifiedErrorId | Should -Contain 'DestinationNotFound,VIToolkit.Commands.Migration.MoveVMCommand'
            $records.Count | Should -Be 1
            $records[0].TargetObject | Should -Be 'qemu+tcp://admin@10.0.0.9/system'
            foreach ($text in Get-ErrorRecordText $records) { $text | Should -Not -BeLike '*S3cretPw*' }
        }
    }
}

Describe 'Move-VM compatibility checks' {
    BeforeAll {
        Reset-DefaultVIServer
        Clear-TestInventory
        # esx02 calls the 172.17 network Private_172.17 (the seed's near-miss); esx01 and esx03 call it Priv172.17.
        $script:lab = New-RenamedNetworkLab -HostCount 3 -NetworkRename @{ esx02 = @{ 'Priv172.17' = 'Private_172.17' } }
        $script:onPriv = @(Get-VMNameOnNetwork (Join-Path $lab.Path 'esx01.xml') 'Priv172.17')
        $script:onVMNetwork = @(Get-VMNameOnNetwork (Join-Path $lab.Path 'esx01.xml') 'VM Network')
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'has VMs of esx01 on each network (premise)' {
        $onPriv.Count | Should -BeGreaterThan 0
        $onVMNetwork.Count | Should -BeGreaterThan 0
    }

    It 'refuses a VM whose network the destination lacks: MigrationIncompatible with the report, and the VM is unchanged' {
        $vm = Get-VM $onPriv[0]
        $out = Move-VM -MigrationType Offline $vm -Destination esx02 -ErrorVariable errs -ErrorAction SilentlyContinue -WarningVariable warnings -WarningAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $warnings.Count | Should -Be 0
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'MigrationIncompatible,VIToolkit.Commands.Migration.MoveVMCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject.Id | Should -Be $vm.Id
        $errs[0].Exception | Should -BeOfType ([VIToolkit.Core.Migration.MigrationRefusedException])
        $errs[0].Exception.Message | Should -BeLike '*NetworkNameNearMiss*'
        $report = $errs[0].Exception.Report
        $report | Should -BeOfType ([VIToolkit.Core.Compatibility.VMMigrationReport])
        $report.Compatible | Should -BeFalse
        $report.Destination | Should -Be 'esx02'
        @($report.Issues | Where-Object { "$($_.Severity)" -eq 'Error' }).Code | Should -Be @('NetworkNameNearMiss')
        Get-Placement $lab $vm.Id | Should -Be @('esx01')
        "$((Get-VM $vm.Name).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'moves a VM whose networks the destination has' {
        $vm = Get-VM $onVMNetwork[0]
        $out = Move-VM -MigrationType Offline $vm -Destination esx02 -WarningAction SilentlyContinue -ErrorVariable errs
        $errs.Count | Should -Be 0
        $out.VMHostName | Should -Be 'esx02'
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
    }

    It 'moves the refused VM with -SkipCompatibilityCheck' {
        $vm = Get-VM $onPriv[0]
        $out = Move-VM -MigrationType Offline $vm -Destination esx02 -SkipCompatibilityCheck -WarningAction SilentlyContinue -ErrorVariable errs
        $errs.Count | Should -Be 0
        $out.VMHostName | Should -Be 'esx02'
        "$($out.PowerState)" | Should -Be 'PoweredOn'
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
    }

    It 'refuses with NetworkMissing after the network was renamed on the destination (Rename-VirtualNetwork)' {
        $vm = Get-VM $onVMNetwork[1]
        $null = Get-VirtualNetwork 'VM Network' -VMHost esx03 | Rename-VirtualNetwork -NewName 'Frontend' -Confirm:$false -WarningAction SilentlyContinue
        $errs = $null
        $null = Move-VM -MigrationType Offline $vm -Destination esx03 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'MigrationIncompatible,VIToolkit.Commands.Migration.MoveVMCommand'
        @($errs[0].Exception.Report.Issues | Where-Object { "$($_.Severity)" -eq 'Error' }).Code | Should -Be @('NetworkMissing')
        Get-Placement $lab $vm.Id | Should -Be @('esx01')
    }
}

Describe 'Move-VM to a cluster' {
    BeforeAll {
        Reset-DefaultVIServer
        Clear-TestInventory
        $script:lab = New-TestLab -HostCount 4 -VMsPerHost 4 -PowerState PoweredOn
        $null = New-Cluster -Name 'Prod' -VMHost esx01, esx02, esx03
        # The member placement should choose: the most free memory among the compatible others (first one on a tie).
        function script:Get-ExpectedHost($VM, [string[]] $Members) {
            $best = $null; $bestFree = $null
            foreach ($name in $Members) {
                if ($name -eq $VM.VMHostName) { continue }
                $h = Get-VMHost $name
                $free = $h.MemoryTotalGB - $h.MemoryUsageGB
                if ($VM.MemoryGB -le $free -and ($null -eq $best -or $free -gt $bestFree)) { $best = $name; $bestFree = $free }
            }
            $best
        }
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'completes -Destination with host names and cluster names' {
        foreach ($command in 'Move-VM', 'Test-VMMigration') {
            $line = "$command db01 -Destination "
            $names = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $names | Should -Contain 'esx02'
            $names | Should -Contain 'Prod'
            $line = "$command db01 -Destination Pr"
            (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('Prod')
        }
    }

    It 'moves a VM to the member with the most free memory, never its own host (cluster by name)' {
        $vm = @(Get-VM -Server (Get-LabServer 'esx01'))[0]
        $expected = Get-ExpectedHost $vm 'esx01', 'esx02', 'esx03'
        $out = Move-VM -MigrationType Offline $vm -Destination 'Prod' -WarningAction SilentlyContinue -ErrorVariable errs
        $errs.Count | Should -Be 0
        $out.VMHostName | Should -Be $expected
        $out.VMHostName | Should -BeIn @('esx02', 'esx03')
        Get-Placement $lab $vm.Id | Should -Be @($expected)
    }

    It 'takes a Cluster object, and moves VMs of every member elsewhere in the cluster' {
        $vms = @('esx01', 'esx02', 'esx03' | ForEach-Object { @(Get-VM -Server (Get-LabServer $_))[1] })
        $out = @($vms | Move-VM -MigrationType Offline -Destination (Get-Cluster 'Prod') -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Id | Should -Be $vms.Id
        for ($i = 0; $i -lt $vms.Count; $i++) {
            $out[$i].VMHostName | Should -Not -Be $vms[$i].VMHostName
            $out[$i].VMHostName | Should -BeIn @('esx01', 'esx02', 'esx03')
            Get-Placement $lab $vms[$i].Id | Should -Be @($out[$i].VMHostName)
        }
    }

    It 'names the cluster and its candidate hosts in -WhatIf, and moves nothing' {
        $vm = @(Get-VM -Server (Get-LabServer 'esx02'))[0]
        # -WhatIf writes to the host, so its message is read from a child pwsh with its own lab and inventory.
        $childLab = Join-Path $TestDrive 'whatif-lab'
        $childInventory = Join-Path $TestDrive 'whatif-inventory.json'
        $result = Invoke-ChildPwsh -Command @"
`$ErrorActionPreference = 'Stop'
Import-Module '$(Get-ModuleUnderTestPath)'
`$env:VITOOLKIT_INVENTORY = '$childInventory'
`$null = New-VILab -HostCount 3 -VMsPerHost 1 -Path '$childLab'
`$null = New-Cluster -Name Prod -VMHost esx01, esx02, esx03
Get-VM -Server esx01 | Move-VM -MigrationType Offline -Destination Prod -WhatIf
"count=`$(@(Get-VM -Server esx01).Count)"
"@
        $result.ExitCode | Should -Be 0 -Because $result.StdErr
        ($result.StdOut -join "`n") | Should -BeLike "*What if: Performing the operation `"Move (Offline) to a host of cluster 'Prod' (esx01, esx02, esx03)`" on target `"VM '*' on host 'esx01'`"*"
        $result.StdOut | Should -Contain 'count=1'

        $out = Move-VM -MigrationType Offline $vm -Destination 'Prod' -WhatIf
        $out | Should -BeNullOrEmpty
        Get-Placement $lab $vm.Id | Should -Be @('esx02')
    }

    It 'refuses a move to a host outside the cluster (NotSameCluster), unless -SkipCompatibilityCheck' {
        $vm = @(Get-VM -Server (Get-LabServer 'esx02'))[0]
        $null = Move-VM -MigrationType Offline $vm -Destination esx04 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'MigrationIncompatible,VIToolkit.Commands.Migration.MoveVMCommand'
        @($errs[0].Exception.Report.Issues | Where-Object { "$($_.Severity)" -eq 'Error' }).Code | Should -Be @('NotSameCluster')
        Get-Placement $lab $vm.Id | Should -Be @('esx02')

        (Move-VM -MigrationType Offline $vm -Destination esx04 -SkipCompatibilityCheck -WarningAction SilentlyContinue).VMHostName | Should -Be 'esx04'
        Get-Placement $lab $vm.Id | Should -Be @('esx04')
    }

    It 'writes NoPlacement (InvalidOperation, target = the VM) when no other member can take the VM, and moves it nowhere' {
        $null = New-Cluster -Name 'Solo' -VMHost esx04
        $vm = @(Get-VM -Server (Get-LabServer 'esx04'))[0]
        $out = Move-VM -MigrationType Offline $vm -Destination 'Solo' -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'NoPlacement,VIToolkit.Commands.Migration.MoveVMCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject.Id | Should -Be $vm.Id
        $errs[0].Exception.Message | Should -BeLike "*No host of cluster 'Solo' can take VM '$($vm.Name)'*"
        Get-Placement $lab $vm.Id | Should -Be @('esx04')
    }

    It 'writes NoPlacement when the VM needs more memory than any other member has free' {
        $vm = @(Get-VM -Server (Get-LabServer 'esx01'))[0]
        $null = Stop-VM $vm -Confirm:$false
        $null = Set-VM $vm -MemoryGB 250 -Confirm:$false
        # Running: a powered-off VM takes no memory where it lands, so placement would not count it.
        $null = Start-VM $vm
        # By name: the VM is read afresh, with its new size (placement sizes a VM object as it was read).
        $out = Move-VM -MigrationType Offline $vm.Name -Destination 'Prod' -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'NoPlacement,VIToolkit.Commands.Migration.MoveVMCommand'
        $errs[0].Exception.Message | Should -BeLike '*esx02: not enough free memory or CPUs*esx03: not enough free memory or CPUs*'
        Get-Placement $lab $vm.Id | Should -Be @('esx01')
    }
}

Describe 'Move-VM -RunAsync and the per-host bound' {
    BeforeAll {
        Reset-DefaultVIServer
        Clear-TestInventory
        $script:lab = New-TestLab -HostCount 3 -VMsPerHost 5 -PowerState PoweredOn
        $script:esx01 = $lab.Servers[0]
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'returns one task per VM at once, in input order, and Wait-Task turns them into the moved VMs' {
        $vms = @(Get-VM -Server (Get-LabServer 'esx01') | Select-Object -First 2)
        $tasks = @(Move-VM -MigrationType Offline $vms -Destination esx02 -RunAsync -WarningVariable warnings -WarningAction SilentlyContinue)
        $tasks.Count | Should -Be 2
        foreach ($i in 0, 1) {
            $tasks[$i] | Should -BeOfType ([VIToolkit.Core.Tasks.VITask])
            $tasks[$i].Name | Should -Be 'Move-VM'
            $tasks[$i].Description | Should -Be "Move VM '$($vms[$i].Name)' from 'esx01' to 'esx02'"
            $tasks[$i].Target.Id | Should -Be $vms[$i].Id
            $tasks[$i].Id | Should -Match '^Task-\d+$'
        }
        $moved = @($tasks | Wait-Task)
        $warnings.Count | Should -Be 0 -Because 'no warning comes from -RunAsync; the Migration property tells'
        $moved.Id | Should -Be $vms.Id
        @($moved.VMHostName | Sort-Object -Unique) | Should -Be @('esx02')
        foreach ($vm in $moved) {
            "$($vm.Migration.Type)" | Should -Be 'Offline'
            $vm.Migration.PoweredOffForMove | Should -BeTrue
            "$($vm.PowerState)" | Should -Be 'PoweredOn'
            Get-Placement $lab $vm.Id | Should -Be @('esx02')
        }
        @($tasks.State | ForEach-Object { "$_" }) | Should -Be @('Success', 'Success')
        @(Get-Task -Id $tasks.Id).Id | Should -Be $tasks.Id
        $tasks[0].Result.Id | Should -Be $vms[0].Id
        $tasks[0].PercentComplete | Should -Be 100
    }

    It 'records a failed background move as an Error task that Wait-Task reports' {
        $vm = @(Get-VM -Server (Get-LabServer 'esx02'))[0]
        $task = Move-VM -MigrationType Offline $vm -Destination esx02 -RunAsync
        $out = Wait-Task $task -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        "$($task.State)" | Should -Be 'Error'
        $task.Error.ErrorId | Should -Be 'DestinationIsSource'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'DestinationIsSource,VIToolkit.Commands.Migration.WaitTaskCommand'
        $errs[0].TargetObject.Id | Should -Be $task.Id
    }

    It 'moves at most 2 VMs out of one host at a time: with both slots taken, a move waits Queued; a freed slot lets it run' {
        $gate = Get-OutboundGate $esx01.Uri
        [VIToolkit.Core.Engine.VISession]::Default.MigrationGates.MaxOutboundPerHost | Should -Be 2
        $gate.CurrentCount | Should -Be 2
        $gate.Wait(0) | Should -BeTrue
        $gate.Wait(0) | Should -BeTrue
        try {
            $gate.Wait(0) | Should -BeFalse -Because 'the bound is 2'
            $vm = @(Get-VM -Server (Get-LabServer 'esx01'))[0]
            $task = Move-VM -MigrationType Offline $vm -Destination esx03 -RunAsync
            Start-Sleep -Milliseconds 500
            "$($task.State)" | Should -Be 'Queued'
            $task.Status | Should -Be "Waiting for a migration slot on 'esx01'"
            Get-Placement $lab $vm.Id | Should -Be @('esx01')
            @(Get-Task -Status Queued).Id | Should -Contain $task.Id

            $gate.Release()
            $moved = Wait-Task $task -TimeoutSeconds 20
            "$($task.State)" | Should -Be 'Success'
            $moved.VMHostName | Should -Be 'esx03'
            Get-Placement $lab $vm.Id | Should -Be @('esx03')
        } finally {
            while ($gate.CurrentCount -lt 2) { $null = $gate.Release() }
        }
    }

    It 'refuses a second move of a VM that is already being moved (VMMigrationInProgress, ResourceBusy)' {
        $gate = Get-OutboundGate $esx01.Uri
        $null = $gate.Wait(0); $null = $gate.Wait(0)
        try {
            $vm = @(Get-VM -Server (Get-LabServer 'esx01'))[0]
            $first = Move-VM -MigrationType Offline $vm -Destination esx02 -RunAsync
            Wait-Until { "$($first.State)" -eq 'Queued' -and $first.Status -like 'Waiting for a migration slot*' }
            $second = Move-VM -MigrationType Offline $vm -Destination esx03 -RunAsync
            $null = Wait-Task $second -TimeoutSeconds 20 -ErrorVariable errs -ErrorAction SilentlyContinue
            "$($second.State)" | Should -Be 'Error'
            $errs.Count | Should -Be 1
            $errs[0].FullyQualifiedErrorId | Should -Be 'VMMigrationInProgress,VIToolkit.Commands.Migration.WaitTaskCommand'
            $errs[0].CategoryInfo.Category | Should -Be 'ResourceBusy'

            Stop-Task $first -Confirm:$false
            $null = Wait-Task $first -TimeoutSeconds 20 -ErrorAction SilentlyContinue
            "$($first.State)" | Should -Be 'Cancelled'
            $first.Error.ErrorId | Should -Be 'TaskCancelled'
            Get-Placement $lab $vm.Id | Should -Be @('esx01')
        } finally {
            while ($gate.CurrentCount -lt 2) { $null = $gate.Release() }
        }
    }

    It 'aborts the moves still going when a synchronous Move-VM is stopped (Ctrl+C): the VM stays on its source' {
        $gate = Get-OutboundGate $esx01.Uri
        $null = $gate.Wait(0); $null = $gate.Wait(0)
        $ps = [powershell]::Create()
        try {
            $vm = @(Get-VM -Server (Get-LabServer 'esx01'))[0]
            $known = @(Get-Task).Id
            $null = $ps.AddCommand('Import-Module').AddArgument((Get-ModuleUnderTestPath)).AddStatement()
            $null = $ps.AddCommand('Move-VM').AddParameter('VM', $vm).AddParameter('Destination', $lab.Servers[1]).AddParameter('Confirm', $false)
            $handle = $ps.BeginInvoke()
            $task = $null
            $deadline = [DateTime]::UtcNow.AddSeconds(10)
            while ($null -eq $task -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 50
                $task = @(Get-Task -Status Queued | Where-Object { $_.Id -notin $known -and $_.Target.Id -eq $vm.Id })[0]
            }
            $task | Should -Not -BeNullOrEmpty -Because 'the synchronous Move-VM -MigrationType Offline should have queued its move'
            $ps.Stop()
            $handle.AsyncWaitHandle.WaitOne(30000) | Should -BeTrue
            "$($ps.InvocationStateInfo.State)" | Should -Be 'Stopped'
            $task = Get-Task -Id $task.Id   # Get-Task's rows are snapshots: read it again
            "$($task.State)" | Should -Be 'Cancelled'
            $task.Error.ErrorId | Should -Be 'TaskCancelled'
            Get-Placement $lab $vm.Id | Should -Be @('esx01')
            "$((Get-VM $vm.Name).PowerState)" | Should -Be 'PoweredOn'
        } finally {
            $ps.Dispose()
            while ($gate.CurrentCount -lt 2) { $null = $gate.Release() }
        }
    }
}

Describe 'Move-VM and objects read before the move' {
    BeforeAll {
        Reset-DefaultVIServer
        Clear-TestInventory
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 1 -PowerState PoweredOn -HostPrefix mv
    }
    AfterAll {
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'leaves an object read before the move usable: Stop-VM and Start-VM act on the VM where it is now (same UUID)' {
        $vm = @(Get-VM -Server mv01)[0]
        $null = Move-VM -MigrationType Offline -VM $vm -Destination mv02 -Confirm:$false
        $vm.VMHostName | Should -Be 'mv01' -Because 'the object was read before the move'
        $stopped = Stop-VM $vm -Confirm:$false -ErrorVariable errs
        $errs.Count | Should -Be 0
        $stopped.VMHostName | Should -Be 'mv02'
        "$($stopped.PowerState)" | Should -Be 'PoweredOff'
        $started = Start-VM $vm -ErrorVariable errs
        $errs.Count | Should -Be 0
        $started.VMHostName | Should -Be 'mv02'
        "$($started.PowerState)" | Should -Be 'PoweredOn'
        @(Get-VM -Id $vm.Id).VMHostName | Should -Be @('mv02')
    }

    It 'still reports VMNotFound for a VM that no connected host has any more' {
        $vm = @(Get-VM -Server mv02)[0]
        $null = Stop-VM $vm -Confirm:$false
        $null = Remove-VM $vm -DeletePermanently -Confirm:$false -ErrorAction Stop
        Get-VM -Id $vm.Id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $out = Stop-VM $vm -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'VMNotFound,VIToolkit.Commands.VMs.StopVMCommand'
    }
}
