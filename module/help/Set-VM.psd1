@{
    Synopsis    = 'Changes the memory, vCPU count or notes of VMs, or reverts VMs to a snapshot.'
    Description = @'
With -MemoryMB (or -MemoryGB), -NumCpu and -Notes, Set-VM changes those settings of each VM given; settings not
given are left as they are. At least one of them (or -Snapshot) is needed, else NothingToChange; -MemoryMB and
-MemoryGB together give MemoryGivenTwice (both terminating, before any VM is touched).

A powered-off VM takes any size its host can hold: both its memory and its maximum memory (and its vCPUs and maximum
vCPUs) are set, and apply at the next start. A running or paused VM is changed live and in its definition, but only
within the maximums it was started with: memory up to its MaxMemoryMB (more or less memory through the balloon
driver, which the guest must have), and vCPUs up to the count it was started with (vCPU hot-plug, which the guest
must support). Beyond that Set-VM gives InvalidVMState ("VM 'app01' is powered on with at most 8192 MB; power it off
to give it 16384 MB.") and changes nothing for that VM: power it off first (Stop-VMGuest), then Set-VM, then Start-VM.

Sizes are checked against the host first: InvalidMemorySize when the memory is more than the host has, InvalidNumCpu
when the vCPUs are more than its logical CPUs, InvalidNotes when the notes hold control characters that XML cannot
carry. Notes are stored as libvirt's domain description and may hold any text, including < > and &; an empty string
clears them.

With -Snapshot, each VM is reverted to its snapshot of that name (libvirt virDomainRevertToSnapshot): its disks,
and for a snapshot taken while it was running its memory and power state, go back to the moment of the snapshot.
Everything since is lost, so although Set-VM is otherwise a medium-impact command, reverting asks for confirmation
for each VM as a high-impact change would; -Force, -Confirm:$false or $ConfirmPreference = 'None' skip the prompt,
and -WhatIf is honoured. A VM without a snapshot of that name gives SnapshotNotFound. Reverting goes ahead even when
libvirt finds it risky (for instance across a change of the VM's configuration): the snapshot's configuration wins.

Confirmation (-WhatIf, -Confirm) is asked for each VM as it arrives. Once all input has been received, the confirmed
VMs are changed in parallel, at most -ThrottleLimit at a time, and the VMs come out in input order. Runs of two or
more VMs show a progress bar. A VM that fails gives one non-terminating error with the VM as its target and the other
VMs go on. Ctrl+C stops the VMs not yet started.
'@
    Parameters  = @{
        VM            = @'
The VMs to change: VirtualMachine objects (from Get-VM, or any object with a VM property, such as a snapshot from
Get-Snapshot), or names. Names with wildcards (*, ?, [a-z]) match case-insensitively; exact names are case-sensitive,
as libvirt's. Names are looked up on the default servers, or on the servers given with -Server; an exact name that matches no VM there is a VMNotFound error, a wildcard that matches nothing does nothing. Accepts VMs and names from the pipeline. A VM given twice is changed once.
'@
        Server        = @'
Only change VMs on these servers (VIServer objects or server names, wildcards allowed). VMs on other servers, named
or piped, are skipped without a message.
'@
        ThrottleLimit = 'At most this many VMs are changed at the same time, 1 to 256. Default: 16. Output stays in input order whatever the value.'
        MemoryMB      = @'
The VM's new memory in MB (1 or more, at most the host's memory). A powered-off VM gets it as memory and maximum
memory; a running or paused VM only up to its MaxMemoryMB, else InvalidVMState. Not with -MemoryGB.
'@
        MemoryGB      = 'The VM''s new memory in GB (e.g. 4 or 0.5), rounded to the nearest MB; otherwise as -MemoryMB. Not with -MemoryMB.'
        NumCpu        = @'
The VM's new number of vCPUs, 1 to 4096 and at most the host's logical CPUs (else InvalidNumCpu). A powered-off VM
gets it as its vCPU count and maximum; a running or paused VM only up to the vCPUs it was started with, else
InvalidVMState.
'@
        Notes         = 'New notes (libvirt''s domain description), replacing the old ones. Any text, including XML special characters; an empty string clears the notes. Alias: Description.'
        Snapshot      = @'
Reverts the VM to its snapshot of this name (case-sensitive), instead of changing settings. Takes a name, or a
snapshot object from Get-Snapshot (only its name is used: each VM given is reverted to its own snapshot of that name).
Asks for confirmation unless -Force is given.
'@
        Force         = 'With -Snapshot: reverts without asking for confirmation (unless -Confirm is given explicitly). -WhatIf still only shows what would happen.'
    }
    Inputs      = @(
        @{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'VMs to change, e.g. from Get-VM.' }
        @{ Type = 'System.String'; Description = 'Names of VMs to change (wildcards allowed).' }
        @{ Type = 'VIToolkit.Core.Model.Snapshot'; Description = 'Snapshots from Get-Snapshot bind their VM property to -VM.' }
    )
    Outputs     = @(@{ Type = 'VIToolkit.Core.Model.VirtualMachine'; Description = 'Each VM as it is afterwards, read afresh from its host: MemoryMB (current memory), MaxMemoryMB, NumCpu, Notes, PowerState.' })
    Examples    = @(
        @{ Title = 'Resize a powered-off VM'; Code = 'Set-VM dns01 -MemoryGB 4 -NumCpu 2'; Remarks = 'Gives dns01 4 GB of memory and two vCPUs; if it is powered off, they apply at its next start.' }
        @{ Title = 'Grow a running VM beyond its maximum'; Code = @'
Get-VM app01 | Stop-VMGuest -Confirm:$false | Set-VM -MemoryMB 16384 -NumCpu 8 | Start-VM
'@; Remarks = 'Shuts the guest down cleanly, resizes the VM while it is off (a running VM can only change within the maximums it was started with), and starts it again.' }
        @{ Title = 'Tag VMs with notes'; Code = 'Get-VM -Server esx02 | Where-Object Notes -eq $null | Set-VM -Notes ''Owner: platform team <platform@example.com>'''; Remarks = 'Sets the notes of every VM of esx02 that has none. Special characters are stored as they are.' }
        @{ Title = 'Revert the VMs that have a given snapshot'; Code = 'Get-Snapshot -VM app*, db* -Name before-patch | Set-VM -Snapshot before-patch -Force'; Remarks = 'Each snapshot binds its VM, so only the app and db VMs that have a before-patch snapshot are reverted to it, without prompts.' }
        @{ Title = 'Preview a revert'; Code = 'Set-VM web01 -Snapshot (Get-Snapshot web01 | Where-Object IsCurrent) -WhatIf'; Remarks = 'Shows that web01 would be reverted to its current snapshot, without doing it.' }
    )
    Links       = @('Get-VM', 'New-Snapshot', 'Get-Snapshot', 'Remove-Snapshot', 'Stop-VMGuest', 'Start-VM')
    Notes       = @'
PowerCLI equivalences: -MemoryMB, -MemoryGB, -NumCpu, -Notes and -Snapshot work as PowerCLI's Set-VM (reverting with
Set-VM -Snapshot). PowerCLI's -Name (rename), -GuestId, -OSCustomizationSpec and -Version have no equivalent yet.
Changing a running VM is bounded by the maximums it was started with, where vSphere needs memory or CPU hot-add
enabled; libvirt's maximums play that role. There is no -RunAsync: VMs are changed in parallel (-ThrottleLimit).
'@
}
