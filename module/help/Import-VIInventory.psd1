@{
    Synopsis    = 'Replaces the inventory with one written by Export-VIInventory (a restore).'
    Description = @'
Import-VIInventory reads a JSON inventory file (schema 1 or 2: an Export-VIInventory file, or the inventory.json of an
earlier version), checks it whole, and replaces the store's clusters, host settings, protected VMs, DRS rules and
groups with it in one transaction: a corrupt file (InventoryCorrupt), a file of a newer schema
(InventoryVersionUnsupported) or a missing one (ImportFileNotFound) changes nothing. It asks for confirmation
(ConfirmImpact High): everything stored is replaced.
'@
    Parameters  = @{
        Path = 'The JSON file to read.'
    }
    Examples    = @(
        @{ Title = 'Restore a backup'; Code = 'Import-VIInventory -Path /var/backups/vitoolkit/inventory-20261130.json -Confirm:$false'; Remarks = 'Replaces the inventory with the backup.' }
        @{ Title = 'Copy an inventory to a shared store'; Code = @'
Export-VIInventory ./inv.json
$env:VITOOLKIT_STORE = 'Host=db01;Database=vitoolkit;Username=vit'
Import-VIInventory ./inv.json
'@; Remarks = 'Moves the clusters of the local SQLite store into a PostgreSQL store that several machines share.' }
    )
    Links       = @('Export-VIInventory', 'Get-Cluster')
    Notes       = 'PowerCLI has no equivalent.'
}
