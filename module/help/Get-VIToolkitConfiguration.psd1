@{
    Synopsis    = 'Shows the configuration in effect: the store (SQLite file or PostgreSQL database, password never shown) and where that setting comes from.'
    Description = @'
The store holds the inventory, the events and the task history that every admin and the HA monitor share. Which store
is used is decided, first match wins, by $env:VITOOLKIT_STORE (Source Environment), Set-VIToolkitConfiguration -Scope
Session (Session), Set-VIToolkitConfiguration -Scope User (User, kept in ConfigurationFile), else the SQLite file
vitoolkit.db in $XDG_DATA_HOME/VIToolkit (~/.local/share/VIToolkit), or beside $env:VITOOLKIT_INVENTORY (Default).
'@
    Outputs     = @(@{ Type = 'VIToolkit.Commands.Store.VIToolkitConfiguration'; Description = 'Store (without password), StoreKind (Sqlite or PostgreSql), Source, ConfigurationFile.' })
    Examples    = @(
        @{ Title = 'Which store am I on?'; Code = 'Get-VIToolkitConfiguration'; Remarks = 'Shows the store in effect and why.' }
    )
    Links       = @('Set-VIToolkitConfiguration', 'Get-VIEvent', 'Export-VIInventory')
    Notes       = 'PowerCLI equivalence: Get-PowerCLIConfiguration.'
}
