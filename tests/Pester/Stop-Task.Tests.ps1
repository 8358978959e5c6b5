BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Stop-Task'
    $script:savedInventory = $env:VITOOLKIT_INVENTORY
    $env:VITOOLKIT_INVENTORY = Join-Path $TestDrive 'inventory.json'

    # A one-host lab whose guests ignore a shutdown request: the test driver powers a VM off at once on
    # virDomainShutdown, unless its <on_poweroff> action is restart, when it keeps running. Stop-VMGuest then really
    # waits for its -TimeoutSeconds, which gives a task that runs as long as the test wants. The host is stubborn01.
    function script:New-StubbornGuestLab([int] $VMsPerHost = 4) {
        $path = Join-Path $TestDrive ('lab-' + [guid]::NewGuid().ToString('N'))
        $generated = New-VILab -HostCount 1 -VMsPerHost $VMsPerHost -Path $path -PowerState PoweredOn -NotDefault
        $generated | Disconnect-VIServer -Confirm:$false
        $file = Join-Path $path 'stubborn01.xml'
        (Get-Content -LiteralPath (Join-Path $path 'esx01.xml') -Raw) -replace '(<name>[^<]+</name>)', '$1<on_poweroff>restart</on_poweroff>' |
            Set-Content -LiteralPath $file
        $server = Connect-VIServer -Server "test://$file"
        [pscustomobject]@{ Path = $path; Servers = @($server) }
    }
    # A Stop-VMGuest task that waits (up to 2 minutes) for a guest that will not shut down.
    function script:Start-LongTask($VM) {
        $task = Stop-VMGuest $VM -TimeoutSeconds 120 -RunAsync -Confirm:$false
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ("$($task.State)" -ne 'Running' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        "$($task.State)" | Should -Be 'Running'
        $script:longTasks.Add($task)
        $task
    }
}

AfterAll {
    $env:VITOOLKIT_INVENTORY = $script:savedInventory
}

Describe 'Stop-Task parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        Get-OwnParameterName $CommandName | Should -Be @('PassThru', 'Task')
    }

    It 'takes a mandatory -Task by position 0, from the pipeline' {
        $meta = (Get-Command $CommandName).Parameters['Task'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
    }

    It 'supports ShouldProcess with ConfirmImpact Medium' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeTrue
        $attribute.ConfirmImpact | Should -Be 'Medium'
    }

    It 'declares VITask as output' {
        (Get-Command $CommandName).OutputType.Type | Should -Contain ([VIToolkit.Core.Tasks.VITask])
    }
}

Describe 'Stop-Task on background power operations' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-StubbornGuestLab -VMsPerHost 4
        $script:vms = @(Get-VM | Sort-Object Name)
        $script:longTasks = [System.Collections.Generic.List[object]]::new()
    }
    AfterAll {
        foreach ($task in $script:longTasks) { Stop-Task $task -Confirm:$false -WarningAction SilentlyContinue }
        if ($script:longTasks.Count) { $null = Wait-Task $script:longTasks -TimeoutSeconds 30 -ErrorAction SilentlyContinue }
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'changes nothing with -WhatIf' {
        $task = Start-LongTask $vms[0]
        $out = Stop-Task $task -WhatIf
        $out | Should -BeNullOrEmpty
        Start-Sleep -Milliseconds 500
        "$($task.State)" | Should -Be 'Running'
    }

    It 'cancels a running task without asking (ConfirmImpact Medium): it ends Cancelled long before its own time limit' {
        $task = $longTasks[0]
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $out = Stop-Task $task -ErrorVariable errs
        $out | Should -BeNullOrEmpty -Because 'nothing is written without -PassThru'
        $errs.Count | Should -Be 0
        $null = Wait-Task $task -TimeoutSeconds 30 -ErrorAction SilentlyContinue
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10 -Because 'the task would otherwise wait 120 s for the guest'
        "$($task.State)" | Should -Be 'Cancelled'
        $task.IsCompleted | Should -BeTrue
        $task.Error.ErrorId | Should -Be 'OperationCancelled'
        "$($task.Error.Kind)" | Should -Be 'Cancelled'
        $task.Error.Message | Should -BeLike '*the shutdown request stands*'
        $task.FinishTime | Should -Not -BeNullOrEmpty
        "$((Get-VM $vms[0].Name).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'takes tasks by Id (as text) and from the pipeline' {
        $byId = Start-LongTask $vms[1]
        $piped = Start-LongTask $vms[2]
        Stop-Task $byId.Id -Confirm:$false
        $piped | Stop-Task -Confirm:$false
        $null = Wait-Task $byId, $piped -TimeoutSeconds 30 -ErrorAction SilentlyContinue
        "$($byId.State)" | Should -Be 'Cancelled'
        "$($piped.State)" | Should -Be 'Cancelled'
    }

    It 'writes each task with -PassThru' {
        $task = Start-LongTask $vms[3]
        $out = @(Stop-Task $task -PassThru -Confirm:$false)
        $out.Count | Should -Be 1
        $out[0] | Should -BeOfType ([VIToolkit.Core.Tasks.VITask])
        $out[0].Id | Should -Be $task.Id
        $null = Wait-Task $task -TimeoutSeconds 30 -ErrorAction SilentlyContinue
        "$($task.State)" | Should -Be 'Cancelled'
    }

    It 'warns, without an error, for a task that has already finished, and leaves it as it was' {
        $task = Start-VM $vms[0] -RunAsync -WarningAction SilentlyContinue
        $null = Wait-Task $task
        "$($task.State)" | Should -Be 'Success'
        $out = @(Stop-Task $task -PassThru -Confirm:$false -WarningVariable warnings -WarningAction SilentlyContinue -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -Be "$($task.Id) ($($task.Description)) has already finished: Success."
        $out.Id | Should -Be @($task.Id)
        "$($task.State)" | Should -Be 'Success'
        $task.Error | Should -BeNullOrEmpty
    }

    It 'writes a non-terminating TaskNotFound (target = the Id) for an Id that matches no task' {
        $out = Stop-Task 'Task-999999999' -PassThru -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'TaskNotFound,VIToolkit.Commands.Migration.StopTaskCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'Task-999999999'
    }

    It 'does nothing, without an error, for a wildcard that matches no task' {
        Stop-Task 'NoSuchTask-*' -PassThru -Confirm:$false -ErrorVariable errs | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
    }
}

Describe 'Stop-Task on a queued move' {
    BeforeAll {
        Reset-DefaultVIServer
        Clear-TestInventory
        $script:lab = New-TestLab -HostCount 2 -VMsPerHost 3 -PowerState PoweredOn
        # The first move out of esx01 creates its gate: the 2 migration slots of the host in this process.
        $first = @(Get-VM -Server esx01)[0]
        $null = Move-VM -MigrationType Offline $first -Destination esx02 -WarningAction SilentlyContinue
        $script:gate = [VIToolkit.Core.Engine.VISession]::Default.MigrationGates.Outbound($lab.Servers[0].Uri)
    }
    AfterAll {
        if ($script:gate) { while ($script:gate.CurrentCount -lt 2) { $null = $script:gate.Release() } }
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'cancels a move waiting for a migration slot: it never begins and the VM stays on its source' {
        $gate | Should -Not -BeNullOrEmpty -Because 'the session exposes the per-host migration slots'
        $gate.Wait(0) | Should -BeTrue
        $gate.Wait(0) | Should -BeTrue
        $vm = @(Get-VM -Server esx01)[0]
        $task = Move-VM -MigrationType Offline $vm -Destination esx02 -RunAsync
        Start-Sleep -Milliseconds 300
        "$($task.State)" | Should -Be 'Queued'

        Stop-Task $task -Confirm:$false
        $null = Wait-Task $task -TimeoutSeconds 10 -ErrorVariable errs -ErrorAction SilentlyContinue
        "$($task.State)" | Should -Be 'Cancelled'
        $task.Error.ErrorId | Should -Be 'TaskCancelled'
        $task.Error.Message | Should -BeLike '*cancelled before it changed anything*'
        $errs[0].FullyQualifiedErrorId | Should -Be 'TaskCancelled,VIToolkit.Commands.Migration.WaitTaskCommand'

        # Freed slots must not let the cancelled move run after all.
        $null = $gate.Release(2)
        Start-Sleep -Milliseconds 300
        @(Get-VM -Server $lab.Servers | Where-Object Id -eq $vm.Id).VMHostName | Should -Be @('esx01')
        "$((Get-VM $vm.Name).PowerState)" | Should -Be 'PoweredOn'
        $gate.CurrentCount | Should -Be 2
    }
}
