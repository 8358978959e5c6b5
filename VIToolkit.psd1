@{
    RootModule           = 'VIToolkit.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6f0b7a3e-2c1d-4a8e-9d57-0c6b8f2e4a11'
    Author               = 'VIToolkit contributors'
    CompanyName          = 'VIToolkit'
    Copyright            = '(c) VIToolkit contributors. MIT License.'
    Description          = 'Manage a libvirt virtual infrastructure (hosts, VMs, datastores, networks, clusters) the way PowerCLI manages vSphere.'
    PowerShellVersion    = '7.6'
    CompatiblePSEditions = @('Core')
    # Runs before PowerShell reads VIToolkit.dll: see VIToolkit.Loader.psm1.
    NestedModules        = @('VIToolkit.Loader.psm1')
    FormatsToProcess     = @('VIToolkit.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-VIServer'
        'Disconnect-VIServer'
        'Get-VMHost'
        'Get-VM'
        'Get-Datastore'
        'Get-VirtualNetwork'
        'New-VILab'
        'New-VM'
        'Remove-VM'
        'Start-VM'
        'Stop-VM'
        'Stop-VMGuest'
        'Suspend-VM'
        'Restart-VM'
        'Restart-VMGuest'
        'Set-VM'
        'New-Snapshot'
        'Get-Snapshot'
        'Remove-Snapshot'
        'Get-VMConsole'
        'Rename-VirtualNetwork'
        'New-Cluster'
        'Get-Cluster'
        'Set-Cluster'
        'Remove-Cluster'
        'Move-VMHost'
        'Test-ClusterCompatibility'
        'Test-VMMigration'
        'Export-VIInventory'
        'Import-VIInventory'
        'Get-VIEvent'
        'Get-VIToolkitConfiguration'
        'Set-VIToolkitConfiguration'
        'Move-VM'
        'Set-VMHost'
        'Get-Task'
        'Wait-Task'
        'Stop-Task'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('libvirt', 'KVM', 'QEMU', 'virtualization', 'PowerCLI', 'Linux')
            LicenseUri   = ''
            ProjectUri   = ''
            ReleaseNotes = 'Foundation: libvirt binding, connections, read cmdlets, simulated lab.'
        }
    }
}
