@{
    Synopsis    = 'Waits for background tasks to finish and returns their results (for Move-VM, the moved VMs), with an optional time limit.'
    Description = @'
Waits until every task given has finished, showing a progress bar for the whole and one per running task, then
writes, for each task in input order as soon as it and the tasks before it have finished: its Result when it
succeeded (for Move-VM -RunAsync the moved VM, with its Migration property; for Start-VM, Stop-VM and the other
power cmdlets with -RunAsync the VM as it was afterwards), or its error when it failed or was cancelled, as a
non-terminating error whose id is the task's (MigrationIncompatible, InvalidVMState, TaskCancelled…) and whose
target is the task. A task given twice is waited for once.

With -TimeoutSeconds, Wait-Task stops waiting when that time has passed: it writes a non-terminating WaitTaskTimeout
error (category OperationTimeout, target the task; "Task-4 (…) is still Running after 60 s; it goes on (Stop-Task
cancels it).") for the first task, in input order, that has not finished, and for every task after it (even one
that has finished meanwhile: its result is not written; run Wait-Task again for it), and returns. The tasks
are not stopped: they go on in the background; wait again, or cancel them with Stop-Task. Ctrl+C also stops the
waiting, and leaves the tasks running.

Tasks are given as objects (from -RunAsync or Get-Task, also from the pipeline) or as Ids (Task-12; wildcards
allowed). An exact Id that matches no task of this process is a non-terminating TaskNotFound ("No task with Id
'Task-99' is known in this session", target = the Id) and the other tasks are still handled; a wildcard that matches
no task does nothing, without an error.
'@
    Parameters  = @{
        Task           = 'The tasks to wait for: VITask objects (from a -RunAsync command or Get-Task, also from the pipeline) or task Ids such as Task-12 (without regard to case; wildcards allowed).'
        TimeoutSeconds = @'
Stop waiting after this many seconds, 1 to 2147483647, counted from when Wait-Task starts waiting (once all pipeline
input has been received). Each task not finished by then gives a WaitTaskTimeout error and goes on in the background.
Default: wait as long as it takes.
'@
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Tasks.VITask'; Description = 'Tasks to wait for, e.g. from Move-VM -RunAsync or Get-Task.' }
        @{ Type = 'System.String'; Description = 'Task Ids (wildcards allowed).' }
    )
    Outputs     = @(@{ Type = 'System.Object'; Description = 'The Result of each task that succeeded, in input order: a VirtualMachine for Move-VM and the power cmdlets. Nothing for tasks that failed, were cancelled or are not finished (they give errors).' })
    Examples    = @(
        @{ Title = 'Start moves, do something else, collect the VMs'; Code = @'
$tasks = Get-VM db* | Move-VM -Destination esx03 -RunAsync
# ... other work ...
$moved = $tasks | Wait-Task
$moved | Format-Table Name, VMHostName, @{ n = 'Type'; e = { $_.Migration.Type } }
'@; Remarks = 'Moves the db VMs in the background and later waits for them; the moved VMs come out in the order the tasks were given.' }
        @{ Title = 'Wait, but not forever'; Code = @'
$tasks | Wait-Task -TimeoutSeconds 600 -ErrorVariable late -ErrorAction SilentlyContinue
$late | Where-Object FullyQualifiedErrorId -like 'WaitTaskTimeout*' | ForEach-Object TargetObject | Stop-Task -Confirm:$false
'@; Remarks = 'Waits up to ten minutes, then cancels the tasks still going (their errors carry the task as target).' }
        @{ Title = 'Power operations in the background'; Code = 'Get-VM web* | Start-VM -RunAsync | Wait-Task | Format-Table Name, PowerState'; Remarks = 'Starts the web VMs as tasks and waits for them all; the VMs come out powered on.' }
        @{ Title = 'By Id'; Code = 'Wait-Task Task-12, Task-13'; Remarks = 'Waits for two tasks named by Id, for example from Get-Task.' }
    )
    Links       = @('Get-Task', 'Stop-Task', 'Move-VM', 'Start-VM')
    Notes       = @'
PowerCLI equivalences: as PowerCLI's Wait-Task, which waits for tasks and returns their results. PowerCLI's Wait-Task
has no time limit; -TimeoutSeconds is VIToolkit's own. Tasks are this PowerShell process's (see Get-Task).
'@
}
