BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-VIToolkitUnderTest
    $script:CommandName = 'Wait-Task'
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
    function script:Wait-Running($Task) {
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while ("$($Task.State)" -ne 'Running' -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
        "$($Task.State)" | Should -Be 'Running'
    }
}

AfterAll {
    $env:VITOOLKIT_INVENTORY = $script:savedInventory
}

Describe 'Wait-Task parameters' -Tag 'Unit' {
    It 'has exactly the expected parameters' {
        Get-OwnParameterName $CommandName | Should -Be @('Task', 'TimeoutSeconds')
    }

    It 'takes a mandatory -Task by position 0, from the pipeline' {
        $meta = (Get-Command $CommandName).Parameters['Task'].ParameterSets['__AllParameterSets']
        $meta.IsMandatory | Should -BeTrue
        $meta.Position | Should -Be 0
        $meta.ValueFromPipeline | Should -BeTrue
        (Get-Command $CommandName).Parameters['Task'].ParameterType | Should -Be ([VIToolkit.Base.TaskArgument[]])
    }

    It 'limits -TimeoutSeconds to 1..Int32.MaxValue' {
        $range = (Get-Command $CommandName).Parameters['TimeoutSeconds'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateRangeAttribute] })
        $range.Count | Should -Be 1
        $range[0].MinRange | Should -Be 1
        $range[0].MaxRange | Should -Be ([int]::MaxValue)
    }

    It 'only waits (no ShouldProcess)' {
        $attribute = (Get-Command $CommandName).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.SupportsShouldProcess | Should -BeFalse
    }
}

Describe 'Wait-Task on a lab' {
    BeforeAll {
        Reset-DefaultVIServer
        $script:lab = New-StubbornGuestLab -VMsPerHost 6
        $script:vms = @(Get-VM | Sort-Object Name)
        $script:longTasks = [System.Collections.Generic.List[object]]::new()
        function script:Reset-On { $null = Get-VM | Start-VM -WarningAction SilentlyContinue }
    }
    AfterAll {
        foreach ($task in $script:longTasks) { Stop-Task $task -Confirm:$false -WarningAction SilentlyContinue }
        if ($script:longTasks.Count) { $null = Wait-Task $script:longTasks -TimeoutSeconds 30 -ErrorAction SilentlyContinue }
        Remove-TestLab $script:lab
        Reset-DefaultVIServer
    }

    It 'returns the results of the tasks in the order they are given' {
        $tasks = @(Stop-VM $vms[0], $vms[1], $vms[2] -RunAsync -Confirm:$false)
        $tasks.Count | Should -Be 3
        [array]::Reverse($tasks)
        $out = @(Wait-Task -Task $tasks -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Count | Should -Be 3
        $out.Id | Should -Be @($vms[2].Id, $vms[1].Id, $vms[0].Id)
        foreach ($vm in $out) {
            $vm | Should -BeOfType ([VIToolkit.Core.Model.VirtualMachine])
            "$($vm.PowerState)" | Should -Be 'PoweredOff'
        }
        Reset-On
    }

    It 'takes tasks from the pipeline and by Id (as text), and waits for a task given twice once' {
        $tasks = @(Stop-VM $vms[0], $vms[1] -RunAsync -Confirm:$false)
        @($tasks | Wait-Task).Id | Should -Be @($vms[0].Id, $vms[1].Id)
        @(Wait-Task $tasks[1].Id, $tasks[0].Id.ToLowerInvariant()).Id | Should -Be @($vms[1].Id, $vms[0].Id)
        @(Wait-Task $tasks[0], $tasks[0].Id, $tasks[0]).Count | Should -Be 1
        Reset-On
    }

    It 'returns at once for tasks that have already finished' {
        $task = Start-VM $vms[0] -RunAsync
        $null = Wait-Task $task
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $out = Wait-Task $task
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 2
        $out.Id | Should -Be $vms[0].Id
    }

    It 'waits for a task to end: a guest that does not shut down in 2 s gives its GuestShutdownTimeout (target = the task)' {
        $task = Stop-VMGuest $vms[3] -TimeoutSeconds 2 -RunAsync -Confirm:$false
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        $out = Wait-Task $task -ErrorVariable errs -ErrorAction SilentlyContinue
        $clock.Elapsed.TotalSeconds | Should -BeGreaterThan 1.5
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 20
        $out | Should -BeNullOrEmpty
        "$($task.State)" | Should -Be 'Error'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'GuestShutdownTimeout,VIToolkit.Commands.Migration.WaitTaskCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].TargetObject.Id | Should -Be $task.Id
        "$((Get-VM $vms[3].Name).PowerState)" | Should -Be 'PoweredOn'
    }

    It 'writes one non-terminating error per failed task and returns the results of the others' {
        $null = Stop-VM $vms[4] -Confirm:$false
        $bad = Restart-VM $vms[4] -RunAsync -Confirm:$false
        $good = Stop-VM $vms[5] -RunAsync -Confirm:$false
        $out = @(Wait-Task $bad, $good -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be @($vms[5].Id)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'InvalidVMState,VIToolkit.Commands.Migration.WaitTaskCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $errs[0].TargetObject.Id | Should -Be $bad.Id
        Reset-On
    }

    It 'with -TimeoutSeconds stops waiting: a non-terminating WaitTaskTimeout (target = the task), and the task goes on' {
        $task = Stop-VMGuest $vms[3] -TimeoutSeconds 120 -RunAsync -Confirm:$false
        $longTasks.Add($task)
        Wait-Running $task
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        # A terminating error would throw here despite -ErrorAction SilentlyContinue.
        $out = Wait-Task $task -TimeoutSeconds 1 -ErrorVariable errs -ErrorAction SilentlyContinue
        $clock.Elapsed.TotalSeconds | Should -BeGreaterThan 0.9
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 10
        $out | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'WaitTaskTimeout,VIToolkit.Commands.Migration.WaitTaskCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $errs[0].TargetObject.Id | Should -Be $task.Id
        $errs[0].Exception.Message | Should -Be "$($task.Id) ($($task.Description)) is still Running after 1 s; it goes on (Stop-Task cancels it)."
        Start-Sleep -Milliseconds 500
        "$($task.State)" | Should -Be 'Running'
        { Wait-Task $task -TimeoutSeconds 1 -ErrorAction Stop } | Should -Throw -ErrorId 'WaitTaskTimeout,VIToolkit.Commands.Migration.WaitTaskCommand'
    }

    It 'writes the error of a task that was cancelled meanwhile (OperationCancelled, OperationStopped)' {
        $task = $longTasks[0]
        Stop-Task $task -Confirm:$false
        $out = Wait-Task $task -TimeoutSeconds 30 -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        "$($task.State)" | Should -Be 'Cancelled'
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'OperationCancelled,VIToolkit.Commands.Migration.WaitTaskCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'OperationStopped'
    }

    It 'returns the results without an error when the tasks finish within -TimeoutSeconds' {
        $tasks = @(Stop-VM $vms[0], $vms[1] -RunAsync -Confirm:$false)
        $out = @(Wait-Task $tasks -TimeoutSeconds 30 -ErrorVariable errs)
        $errs.Count | Should -Be 0
        $out.Id | Should -Be @($vms[0].Id, $vms[1].Id)
        Reset-On
    }

    # Product bug: on a timeout, TaskWaiter hands back every task from the first unfinished one on, so a task after it
    # that has finished gets "is still Success after 1 s" and its result is never written.
    It 'with -TimeoutSeconds, still returns a finished task given after an unfinished one' {
        $slow = Stop-VMGuest $vms[3] -TimeoutSeconds 120 -RunAsync -Confirm:$false
        $longTasks.Add($slow)
        $quick = Start-VM $vms[0] -RunAsync
        $null = Wait-Task $quick
        $out = @(Wait-Task $slow, $quick -TimeoutSeconds 1 -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be @($vms[0].Id)
        $errs.Count | Should -Be 1
        $errs[0].TargetObject.Id | Should -Be $slow.Id
    }

    It 'rejects -TimeoutSeconds 0 at binding' {
        $task = Start-VM $vms[0] -RunAsync
        { Wait-Task $task -TimeoutSeconds 0 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,VIToolkit.Commands.Migration.WaitTaskCommand'
    }

    It 'writes a non-terminating TaskNotFound (target = the Id) for an Id that matches no task, and waits for the others' {
        $task = Start-VM $vms[0] -RunAsync
        $out = @(Wait-Task 'Task-999999999', $task -ErrorVariable errs -ErrorAction SilentlyContinue)
        $out.Id | Should -Be @($vms[0].Id)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'TaskNotFound,VIToolkit.Commands.Migration.WaitTaskCommand'
        $errs[0].TargetObject | Should -Be 'Task-999999999'
    }
}
