BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Get-Task'
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
}

AfterAll {
    $env:VITOOLKIT_INVENTORY = $script:savedInventory
}

Describe 'Get-Task parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        Get-OwnParameterName $CommandName | Should -Be @('Id', 'Status')
    }

    It 'takes -Id by position 0, from the Id property of piped objects, with wildcards' {
        $parameter = (Get-Command $CommandName).Parameters['Id']
        $meta = $parameter.ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeFalse
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeFalse
        $meta.ValueFromPipelineByPropertyName | Should -BeTrue
        $parameter.Attributes.Where({ $_ -is [System.Management.Automation.SupportsWildcardsAttribute] }).Count | Should -Be 1
    }

    It 'takes -Status as task states: Queued, Running, Success, Error, Cancelled' {
        $type = (Get-Command $CommandName).Parameters['Status'].ParameterType
        $type | Should -Be ([VIToolkit.Core.Tasks.VITaskState[]])
        [enum]::GetNames([VIToolkit.Core.Tasks.VITaskState]) | Should -Be @('Queued', 'Running', 'Success', 'Error', 'Cancelled')
    }

    It 'only reads (no ShouldProcess) and declares VITask as output' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeFalse
        (Get-Command $CommandName).OutputType.Type | Should -Contain ([VIToolkit.Core.Tasks.VITask])
    }
}

Describe 'Get-Task with tasks in every state' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-StubbornGuestLab -VMsPerHost 4
        $script:vms = @(Get-VM | Sort-Object Name)
        $null = Stop-VM $vms[1], $vms[2] -Confirm:$false
        $script:before = Get-Date
        $script:already = Start-VM $vms[0] -RunAsync                      # Success: it was already on
        $script:started = Start-VM $vms[1] -RunAsync                      # Success
        $script:failed = Restart-VM $vms[2] -RunAsync -Confirm:$false     # Error: a powered-off VM cannot be reset
        $script:running = Stop-VMGuest $vms[3] -TimeoutSeconds 120 -RunAsync -Confirm:$false   # Running for 2 minutes
        $null = Wait-Task $already, $started, $failed -TimeoutSeconds 30 -ErrorAction SilentlyContinue
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ("$($running.State)" -ne 'Running' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        $script:mine = @($already, $started, $failed, $running)
    }
    AfterAll {
        Stop-Task $script:running -Confirm:$false -WarningAction SilentlyContinue
        $null = Wait-Task $script:running -TimeoutSeconds 30 -ErrorAction SilentlyContinue
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'has the tasks it needs (premise): Success, Success, Error, Running' {
        @($mine.State | ForEach-Object { "$_" }) | Should -Be @('Success', 'Success', 'Error', 'Running')
    }

    It 'lists every task, oldest first, these four among them in the order they were started' {
        $all = @(Get-Task)
        $all | ForEach-Object { $_ | Should -BeOfType ([VIToolkit.Core.Tasks.VITask]) }
        $numbers = @($all.Number)
        $numbers | Should -Be @($numbers | Sort-Object)
        @($all | Where-Object Id -in $mine.Id).Id | Should -Be $mine.Id
        $mine.Number | Should -Be @($mine.Number | Sort-Object)
        foreach ($task in $mine) { $task.Id | Should -Be "Task-$($task.Number)" }
    }

    It 'describes a successful task: name, description, target, result, times and progress' {
        $task = Get-Task -Id $started.Id
        $task.Name | Should -Be 'Start-VM'
        $task.Description | Should -Be "Start VM '$($vms[1].Name)' on 'stubborn01'"
        $task.Target.Id | Should -Be $vms[1].Id
        "$($task.State)" | Should -Be 'Success'
        $task.IsCompleted | Should -BeTrue
        $task.PercentComplete | Should -Be 100
        $task.Error | Should -BeNullOrEmpty
        $task.Result | Should -BeOfType ([VIToolkit.Core.Model.VirtualMachine])
        $task.Result.Id | Should -Be $vms[1].Id
        "$($task.Result.PowerState)" | Should -Be 'PoweredOn'
        $task.QueuedTime | Should -BeGreaterOrEqual $before.AddSeconds(-1)
        $task.StartTime | Should -BeGreaterOrEqual $task.QueuedTime
        $task.FinishTime | Should -BeGreaterOrEqual $task.StartTime
    }

    It 'keeps, for a VM already in the wanted state, the message in Status (the task succeeds)' {
        "$($already.State)" | Should -Be 'Success'
        $already.Status | Should -Be "VM '$($vms[0].Name)' is already powered on."
        $already.Result.Id | Should -Be $vms[0].Id
    }

    It 'describes a failed task: State Error and the error, no result' {
        $task = Get-Task -Id $failed.Id
        "$($task.State)" | Should -Be 'Error'
        $task.Name | Should -Be 'Restart-VM'
        $task.Error | Should -BeOfType ([VIToolkit.Core.VIToolkitException])
        $task.Error.ErrorId | Should -Be 'InvalidVMState'
        $task.Result | Should -BeNullOrEmpty
        $task.IsCompleted | Should -BeTrue
    }

    It 'describes a running task: started, not finished' {
        $task = Get-Task -Id $running.Id
        "$($task.State)" | Should -Be 'Running'
        $task.Name | Should -Be 'Stop-VMGuest'
        $task.IsCompleted | Should -BeFalse
        $task.StartTime | Should -Not -BeNullOrEmpty
        $task.FinishTime | Should -BeNullOrEmpty
        $task.Result | Should -BeNullOrEmpty
    }

    It 'gets one task by Id (by position, without regard to case)' {
        @(Get-Task $failed.Id).Id | Should -Be @($failed.Id)
        @(Get-Task -Id $failed.Id.ToUpperInvariant()).Id | Should -Be @($failed.Id)
        @(Get-Task -Id $failed.Id.ToLowerInvariant()).Id | Should -Be @($failed.Id)
    }

    It 'gets several tasks by Id, and by wildcard' {
        @(Get-Task -Id $running.Id, $already.Id).Id | Should -Be @($already.Id, $running.Id)
        $pattern = "Task-$($failed.Number)*"
        $matched = @(Get-Task -Id $pattern)
        $matched.Id | Should -Contain $failed.Id
        foreach ($task in $matched) { $task.Id | Should -BeLike $pattern }
        @(Get-Task -Id 'Task-*').Count | Should -Be @(Get-Task).Count
    }

    It 'takes the tasks piped in (their Id property)' {
        @($failed, $started | Get-Task).Id | Should -Be @($failed.Id, $started.Id)
    }

    It 'filters by -Status' {
        $runningNow = @(Get-Task -Status Running)
        $runningNow.Id | Should -Contain $running.Id
        foreach ($task in $runningNow) { "$($task.State)" | Should -Be 'Running' }

        $done = @(Get-Task -Status Success, Error)
        $done.Id | Should -Contain $already.Id
        $done.Id | Should -Contain $started.Id
        $done.Id | Should -Contain $failed.Id
        $done.Id | Should -Not -Contain $running.Id
        foreach ($task in $done) { "$($task.State)" | Should -BeIn @('Success', 'Error') }

        @(Get-Task -Status Error).Id | Should -Not -Contain $started.Id
    }

    It 'combines -Id and -Status (both must match)' {
        @(Get-Task -Id $failed.Id, $running.Id -Status Running -ErrorAction SilentlyContinue).Id | Should -Be @($running.Id)
        Get-Task -Id $started.Id -Status Error -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    # Product bug: GetTaskCommand reports TaskNotFound for every exact Id missing from the tasks *after* the -Status
    # filter, so a task that exists in another state is called "not known in this session".
    It 'does not call a known task of another state TaskNotFound' {
        $null = Get-Task -Id $failed.Id -Status Running -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 0
    }

    It 'writes a non-terminating TaskNotFound (ObjectNotFound) for an exact Id that matches nothing, and gets the others' {
        $out = @(Get-Task -Id $already.Id, 'Task-999999999' -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be @($already.Id)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'TaskNotFound,VIToolkit.Commands.Migration.GetTaskCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].TargetObject | Should -Be 'Task-999999999'
    }

    It 'gives nothing, without an error, for a wildcard that matches no task' {
        $out = Get-Task -Id 'NoSuchTask*' -ErrorVariable errs
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 0
    }

    It 'returns snapshots: a row is one moment of its task, and Wait-Task and Stop-Task act on the live task (issue 10, item 15)' {
        $row = Get-Task -Id $running.Id
        $row.IsLive | Should -BeFalse
        $running.IsLive | Should -BeTrue
        [object]::ReferenceEquals($row.Live, $running) | Should -BeTrue
        $text = $row | Format-Table | Out-String -Width 200
        $text | Should -Match 'Running'
        @($row | Get-Task).Id | Should -Be @($running.Id)
    }

    It 'lists a task as Cancelled once Stop-Task has stopped it' {
        Stop-Task $running -Confirm:$false
        $null = Wait-Task $running -TimeoutSeconds 30 -ErrorAction SilentlyContinue
        @(Get-Task -Status Cancelled).Id | Should -Contain $running.Id
        @(Get-Task -Status Running).Id | Should -Not -Contain $running.Id
        (Get-Task -Id $running.Id).Error.ErrorId | Should -Be 'OperationCancelled'
    }
}
