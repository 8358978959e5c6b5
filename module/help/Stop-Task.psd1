@{
    Synopsis    = 'Cancels background tasks: a queued task never begins, and a running live move is aborted with its VM left on its source.'
    Description = @'
Asks each task given to stop. What that does depends on where the task is:

- Queued (waiting for a slot): it never begins; its State becomes Cancelled with a TaskCancelled error ("cancelled
  before it changed anything").

- A running live move (Move-VM, Set-VMHost -Evacuate): libvirt aborts the migration (virDomainAbortJob). The VM
  stays running on its source host (it is undefined there only after a successful move); the task ends Cancelled
  with a MigrationCancelled error whose message says where the VM runs. If the migration completed before the abort
  took effect, the task succeeds instead.

- A running offline move: cancellation is honoured before the VM is defined on the destination; after that, the
  move is completed (so that the VM is never left half-moved) and the task succeeds.

- Stop-VMGuest -RunAsync, while it waits for the guest: it stops waiting; the task ends Cancelled with an
  OperationCancelled error, and the shutdown request already sent stands.

- The other power operations (Start-VM, Stop-VM, Suspend-VM, Restart-VM, Restart-VMGuest) are one libvirt call each:
  once running, they finish regardless.

Stop-Task returns at once; the task may take a moment to end (Wait-Task waits for it, and writes its error). A task
that has already finished is left as it is, with a warning ("Task-3 (…) has already finished: Success."). With
-PassThru each task given is written afterwards (finished or not). Confirmation (-WhatIf, -Confirm) is asked for each
task that is still going; the confirm impact is Medium.

Tasks are given as objects (from -RunAsync or Get-Task, also from the pipeline) or as Ids (Task-12; wildcards
allowed). An exact Id that matches no task of this process is a non-terminating TaskNotFound ("No task with Id
'Task-99' is known in this session", target = the Id) and the other tasks are still handled; a wildcard that matches
no task does nothing, without an error.
'@
    Parameters  = @{
        Task     = 'The tasks to cancel: VITask objects (from a -RunAsync command or Get-Task, also from the pipeline) or task Ids such as Task-12 (without regard to case; wildcards allowed).'
        PassThru = 'Writes each task given after the request to stop it (it may still be Running for a moment: Wait-Task waits for it to end).'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Tasks.VITask'; Description = 'Tasks to cancel, e.g. from Get-Task.' }
        @{ Type = 'System.String'; Description = 'Task Ids (wildcards allowed).' }
    )
    Outputs     = @(
        @{ Type = 'None'; Description = 'Nothing, unless -PassThru is given.' }
        @{ Type = 'VIToolkit.Core.Tasks.VITask'; Description = 'With -PassThru, each task given.' }
    )
    Examples    = @(
        @{ Title = 'Cancel a move'; Code = @'
$task = Move-VM db01 -Destination esx03 -RunAsync
Stop-Task $task
$task | Wait-Task -ErrorAction SilentlyContinue
(Get-VM db01).VMHostName
'@; Remarks = 'Cancels the move of db01; once the task has ended, db01 is still on its source host unless the move had already completed.' }
        @{ Title = 'Cancel everything not finished'; Code = 'Get-Task -Status Queued, Running | Stop-Task -Confirm:$false'; Remarks = 'Cancels every task of this process that is still waiting or running, without asking.' }
        @{ Title = 'Give up on slow guests'; Code = @'
$tasks = Get-VM app* | Stop-VMGuest -TimeoutSeconds 900 -RunAsync -Confirm:$false
$tasks | Wait-Task -TimeoutSeconds 120 -ErrorAction SilentlyContinue | Out-Null
$tasks | Where-Object { -not $_.IsCompleted } | Stop-Task -PassThru -Confirm:$false | Select-Object -ExpandProperty Target | Stop-VM -Confirm:$false
'@; Remarks = 'Asks the app guests to shut down, waits two minutes, stops waiting for those still running and powers their VMs off.' }
    )
    Links       = @('Get-Task', 'Wait-Task', 'Move-VM', 'Set-VMHost')
    Notes       = @'
PowerCLI equivalences: as PowerCLI's Stop-Task, which cancels a task (vCenter cancels a vMotion and the VM stays on
its source). Tasks are this PowerShell process's (see Get-Task).
'@
}
