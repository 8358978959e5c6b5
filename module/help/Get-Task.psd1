@{
    Synopsis    = 'Gets the background tasks of this PowerShell process: moves and power operations started with -RunAsync, and the moves of Move-VM and Set-VMHost -Evacuate.'
    Description = @'
Every move of Move-VM (with or without -RunAsync), every VM moved by Set-VMHost -Evacuate, and every VM handled by
Start-VM, Stop-VM, Suspend-VM, Restart-VM, Restart-VMGuest and Stop-VMGuest with -RunAsync runs as a task. Get-Task
returns them (VITask objects), oldest first. Tasks are kept in memory by this PowerShell process (they are shared by
its runspaces and lost when it exits); of the finished ones, the 1000 most recent are kept. Nothing is read from the
hosts. Each object Get-Task returns is the task as it was at that moment (its state, times and progress all of one
moment, as PowerCLI's tasks are): run Get-Task again to see it move on. The task that -RunAsync returns is live: its
properties follow the work. Wait-Task and Stop-Task act on the task itself, whichever object they are given.

A task's State goes Queued -> Running -> Success, Error or Cancelled, never back:

- Queued: waiting to begin, e.g. for a slot of Move-VM's -ThrottleLimit, or for one of the 2 moves out of a host
  that may run at the same time (Status then says "Waiting for a migration slot on 'esx01'").
- Running: at work. PercentComplete and Status tell how far it has got (for a live move, the memory sent and
  remaining).
- Success: done; Result holds what the work produced (for Move-VM the moved VM, with its Migration property; for the
  power cmdlets the VM as it was afterwards). A power operation that found the VM already in the wanted state
  succeeds too, and its Status holds the message its synchronous form would have written as a warning.
- Error: failed; Error holds the exception (its ErrorId, e.g. MigrationIncompatible or InvalidVMState, and message).
- Cancelled: stopped with Stop-Task or Ctrl+C; Error says how far it got (TaskCancelled: before it began, nothing
  changed; MigrationCancelled: a live move aborted, the VM stays on its source; OperationCancelled: Stop-VMGuest
  stopped waiting, the shutdown request stands).

The other properties are Id (Task-1, Task-2…, unique in the process), Number (the number in the Id), Name (the
cmdlet that started it: Move-VM, Set-VMHost, Start-VM…), Description (e.g. "Move VM 'db01' from 'esx01' to
'esx02'"), Target (the VM), QueuedTime, StartTime, FinishTime and IsCompleted.

-Id selects tasks by Id (without regard to case; wildcards allowed) and -Status by state; both together give the tasks
that match both. An exact Id that matches no task gives a non-terminating TaskNotFound error (category
ObjectNotFound); a wildcard that matches nothing gives nothing.
'@
    Parameters  = @{
        Id     = @'
The Ids of the tasks to get, e.g. Task-12 (without regard to case; wildcards allowed, e.g. Task-1*). Also taken from
the Id property of piped objects, such as tasks. Default: all tasks. An exact Id that matches no task is a TaskNotFound
error.
'@
        Status = 'Only tasks in these states: Queued, Running, Success, Error, Cancelled. Default: all states.'
    }
    Inputs      = @(@{ Type = 'System.String'; Description = 'Task Ids, from the Id property of piped objects (for example tasks).' })
    Outputs     = @(@{ Type = 'VIToolkit.Core.Tasks.VITask'; Description = 'The tasks, oldest first: Id, Name, Description, Target, State, PercentComplete, Status, QueuedTime, StartTime, FinishTime, Result, Error, IsCompleted.' })
    Examples    = @(
        @{ Title = 'What is going on?'; Code = 'Get-Task -Status Queued, Running'; Remarks = 'Lists the tasks not finished yet, with their progress.' }
        @{ Title = 'Why did tasks fail?'; Code = 'Get-Task -Status Error | Format-Table Id, Description, @{ n = ''ErrorId''; e = { $_.Error.ErrorId } }, @{ n = ''Message''; e = { $_.Error.Message } } -Wrap'; Remarks = 'Shows, for each failed task, the error id and message.' }
        @{ Title = 'One task'; Code = 'Get-Task Task-7 | Format-List *'; Remarks = 'Shows everything about Task-7, including its Result or Error.' }
        @{ Title = 'Follow background moves'; Code = @'
$tasks = Get-VM web* | Move-VM -Destination Prod -RunAsync
while ($tasks | Where-Object { -not $_.IsCompleted }) {
    $tasks | Get-Task | Format-Table Id, State, PercentComplete, Status
    Start-Sleep -Seconds 5
}
'@; Remarks = 'Polls the tasks of the moves every five seconds until all have finished (Wait-Task does the same with a progress bar).' }
    )
    Links       = @('Wait-Task', 'Stop-Task', 'Move-VM', 'Set-VMHost', 'Start-VM')
    Notes       = @'
PowerCLI equivalences: as PowerCLI's Get-Task, with -Id and -Status (Queued, Running, Success, Error, and Cancelled,
which PowerCLI reports as Error). Tasks are this PowerShell process's own, not a server's recent tasks: tasks started
by other sessions or processes are not seen, and there is no -Server.
'@
}
