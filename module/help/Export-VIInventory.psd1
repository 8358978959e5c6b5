@{
    Synopsis    = 'Writes the inventory (clusters and their settings, host settings, protected VMs, DRS rules and groups) to a JSON file, for backup and review.'
    Description = @'
VIToolkit keeps its inventory in the store (SQLite by default, or a shared PostgreSQL database; see
Get-VIToolkitConfiguration). Export-VIInventory reads it in one consistent read and writes it as one JSON file in the
inventory format (schema 2, the format of inventory.json in earlier versions), atomically: a reader never sees half a
file. Import-VIInventory reads such a file back. The file never holds a credential: host URIs are kept without
passwords. An existing file is replaced only with -Force.
'@
    Parameters  = @{
        Path  = 'The JSON file to write (relative paths are from the current location). Its folder must exist.'
        Force = 'Replace the file when it exists (without it, an existing file is an ExportFileExists error and is left as it was).'
    }
    Outputs     = @(@{ Type = 'System.IO.FileInfo'; Description = 'The file written.' })
    Examples    = @(
        @{ Title = 'A nightly backup'; Code = 'Export-VIInventory -Path "/var/backups/vitoolkit/inventory-$(Get-Date -Format yyyyMMdd).json"'; Remarks = 'Writes the inventory to a dated file.' }
        @{ Title = 'Review what is stored'; Code = '(Get-Content (Export-VIInventory -Path ./inv.json -Force) -Raw | ConvertFrom-Json).clusters | Select-Object name, @{ n = ''hosts''; e = { $_.hosts.name -join '','' } }'; Remarks = 'Lists each cluster with its member hosts, from the file.' }
    )
    Links       = @('Import-VIInventory', 'Get-Cluster')
    Notes       = 'PowerCLI has no equivalent: vCenter keeps its own database. This is the same data as Get-Cluster and Set-VMHost show, as one reviewable file.'
}
