# Private PostgreSQL servers for the Pester store tests, on top of pgserver.sh (any user; as root the server runs as
# the postgres user). Each server gets its own folder, port and unix socket, so runs at once never collide.

$script:PgServerScript = Join-Path $PSScriptRoot 'pgserver.sh'

function Get-TestPostgresSupport {
    <# Why this machine cannot run a test PostgreSQL server (no server binaries, ...), or $null when it can. #>
    if (-not $IsLinux) { return 'private PostgreSQL servers need Linux' }
    $reason = & bash $script:PgServerScript can-run
    if ($LASTEXITCODE -eq 0) { return $null }
    "$reason".Trim()
}

function Test-TestPostgresSupport {
    <# True when this machine can run a test PostgreSQL server. #>
    $null -eq (Get-TestPostgresSupport)
}

function ConvertFrom-PgServerOutput([string[]] $Lines, [string] $Dir) {
    $values = @{}
    foreach ($line in $Lines) {
        $i = $line.IndexOf('=')
        if ($i -gt 0) { $values[$line.Substring(0, $i)] = $line.Substring($i + 1) }
    }
    if (-not $values.ContainsKey('ConnectionString')) { throw "pgserver.sh start $Dir printed no connection string: $($Lines -join "`n")" }
    [pscustomobject]@{
        PSTypeName                      = 'VIToolkit.Tests.PostgresServer'
        ConnectionString                = $values.ConnectionString
        ConnectionStringWithoutPassword = $values.ConnectionStringWithoutPassword
        SocketConnectionString          = $values.SocketConnectionString
        AdminConnectionString           = $values.AdminConnectionString
        Host                            = $values.Host
        Port                            = [int] $values.Port
        SocketDir                       = $values.SocketDir
        Database                        = $values.Database
        Username                        = $values.Username
        Password                        = $values.Password
        PgPass                          = $values.PgPass
        Pid                             = [int] $values.Pid
        Dir                             = $values.Dir
        Log                             = $values.Log
    }
}

function Start-TestPostgres {
    <#
    Starts a private server in a fresh folder (or -Dir); returns {ConnectionString (Npgsql, with the password),
    ConnectionStringWithoutPassword, PgPass, Password, Pid, Dir, Port, ...}. fsync stays on unless -NoFsync. The server
    is stopped when this pwsh exits, even without Stop-TestPostgres.
    #>
    param(
        [string] $Dir = (Join-Path ([System.IO.Path]::GetTempPath()) ('vitoolkit-pg-' + [guid]::NewGuid().ToString('N').Substring(0, 12))),
        [switch] $NoFsync
    )
    $arguments = @('start', $Dir, '--owner', $PID)
    if ($NoFsync) { $arguments += '--no-fsync' }
    $errorFile = [System.IO.Path]::GetTempFileName()
    try {
        $lines = & bash $script:PgServerScript @arguments 2> $errorFile
        if ($LASTEXITCODE -ne 0) {
            $message = (Get-Content -LiteralPath $errorFile -Raw)
            & bash $script:PgServerScript stop $Dir 2>$null
            throw "Could not start a test PostgreSQL server in ${Dir}: $message"
        }
    }
    finally { Remove-Item -LiteralPath $errorFile -ErrorAction SilentlyContinue }
    ConvertFrom-PgServerOutput $lines $Dir
}

function Stop-TestPostgres {
    <# Stops the servers by PID and removes their folders (-Keep: a clean shutdown, the folder stays for Restart). #>
    param([Parameter(ValueFromPipeline)] $Server, [switch] $Keep)
    process {
        foreach ($s in $Server) {
            $arguments = @('stop', $s.Dir)
            if ($Keep) { $arguments += '--keep' }
            & bash $script:PgServerScript @arguments
            if ($LASTEXITCODE -ne 0) { throw "Could not stop the test PostgreSQL server in $($s.Dir)" }
        }
    }
}

function Stop-TestPostgresProcess {
    <# kill -9 of the server and its backends, as in a crash; the folder stays, Restart-TestPostgres recovers it. #>
    param([Parameter(Mandatory)] $Server)
    & bash $script:PgServerScript kill $Server.Dir
}

function Restart-TestPostgres {
    <# Starts a stopped or killed server again in its folder (same port and password; PostgreSQL replays its WAL). #>
    param([Parameter(Mandatory)] $Server, [switch] $NoFsync)
    $arguments = @('start', $Server.Dir, '--owner', $PID)
    if ($NoFsync) { $arguments += '--no-fsync' }
    $lines = & bash $script:PgServerScript @arguments
    if ($LASTEXITCODE -ne 0) { throw "Could not restart the test PostgreSQL server in $($Server.Dir)" }
    $restarted = ConvertFrom-PgServerOutput $lines $Server.Dir
    $Server.Pid = $restarted.Pid
    $Server
}

Export-ModuleMember -Function Get-TestPostgresSupport, Test-TestPostgresSupport, Start-TestPostgres, Stop-TestPostgres, Stop-TestPostgresProcess, Restart-TestPostgres
