@{
    Synopsis    = 'Chooses the store: a SQLite file on this machine, or a PostgreSQL database that several machines (admins, the HA monitor) share.'
    Description = @'
-Store takes a SQLite file path, or a PostgreSQL connection string such as Host=db01;Database=vitoolkit;Username=vit.
A connection string with a password is refused (CredentialInConnectionString): VIToolkit never keeps or shows one. Give
the password in a pgpass file (PGPASSFILE or ~/.pgpass, which Npgsql reads), or with -Credential for this session only.
-Scope User (the default) keeps the setting in the user's configuration file for every later session; -Scope Session
for this PowerShell process only. $env:VITOOLKIT_STORE, when set, takes precedence over both (a warning says so).
-ResetStore forgets the setting of the scope. The setting is checked before it is kept; the store itself is opened (and
created, for a new SQLite file) when a command first needs it.
'@
    Parameters  = @{
        Store      = 'A SQLite file path, or a PostgreSQL connection string without a password.'
        ResetStore = 'Forget the store setting of this scope.'
        Scope      = 'User (the configuration file, the default) or Session (this process only).'
        Credential = 'The database user and password, kept in memory for this session only (requires -Scope Session).'
    }
    Outputs     = @(@{ Type = 'VIToolkit.Commands.Store.VIToolkitConfiguration'; Description = 'The configuration now in effect.' })
    Examples    = @(
        @{ Title = 'Share a PostgreSQL store with the team'; Code = @'
"db01:5432:vitoolkit:vit:$(Read-Host -Prompt 'password')" | Set-Content ~/.pgpass; chmod 600 ~/.pgpass
Set-VIToolkitConfiguration -Store 'Host=db01;Database=vitoolkit;Username=vit'
'@; Remarks = 'Every later session of this user uses the shared database; the password stays in the pgpass file.' }
        @{ Title = 'A credential for this session only'; Code = 'Set-VIToolkitConfiguration -Store ''Host=db01;Database=vitoolkit'' -Scope Session -Credential (Get-Credential vit)'; Remarks = 'The password is kept in memory, never written.' }
        @{ Title = 'Back to the local file'; Code = 'Set-VIToolkitConfiguration -ResetStore'; Remarks = 'Forgets the user''s setting: the SQLite file in the data folder applies again.' }
    )
    Links       = @('Get-VIToolkitConfiguration', 'Export-VIInventory', 'Import-VIInventory')
    Notes       = 'PowerCLI equivalence: Set-PowerCLIConfiguration (-Scope Session or User).'
}
