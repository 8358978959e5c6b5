#!/usr/bin/env bash
# Starts and stops private PostgreSQL servers for the store tests (issue 11), one per folder, never a system cluster.
# Each server keeps everything in DIR: its data (DIR/data), its unix socket (DIR/run), its log (DIR/server.log), and
# listens on 127.0.0.1 on a free port. It runs as the caller, or as the system user postgres (else nobody) when the
# caller is root, since PostgreSQL refuses to run as root. Authentication is scram-sha-256 everywhere: the role vit
# owns the database vitoolkit_test and has a random password, in DIR/password and in the pgpass file DIR/pgpass (0600).
#
#   pgserver.sh start DIR [--no-fsync] [--owner PID]
#                          start a server in DIR (a new or empty folder; a folder this script made is restarted, after
#                          crash recovery if it was killed) and print KEY=VALUE lines: ConnectionString,
#                          ConnectionStringWithoutPassword, SocketConnectionString, AdminConnectionString, Host, Port,
#                          SocketDir, Database, Username, Password, PgPass, Pid, Dir, Log. fsync stays on unless
#                          --no-fsync. With --owner, a watcher stops the server and removes DIR once process PID is
#                          gone (a test run that is killed leaves no server behind).
#   pgserver.sh stop DIR [--keep]
#                          stop it by PID and remove DIR: immediate shutdown (SIGQUIT), then SIGKILL of every process
#                          in DIR. With --keep, a fast shutdown (SIGINT) first, and DIR stays for another start
#   pgserver.sh kill DIR   kill -9 the server and its backends, keep DIR (a crash; start DIR recovers it)
#   pgserver.sh info DIR   print the KEY=VALUE lines of a running server again
#   pgserver.sh can-run    exit 0 when this machine can run a server; otherwise print why and exit 1
#   pgserver.sh bindir     print the folder of initdb, pg_ctl and postgres (the newest major version installed)
set -euo pipefail

self=$(readlink -f "$0")
cmd=${1:-}
dir=${2:-}
marker=.vitoolkit-pgserver
database=vitoolkit_test
username=vit
tools=(initdb pg_ctl postgres pg_isready psql)
# System tools first (runuser keeps the caller's PATH, whose folders the server user may not even reach).
PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
# The caller's libpq and pg_ctl settings are not this server's.
unset PGHOST PGHOSTADDR PGPORT PGDATABASE PGUSER PGPASSWORD PGPASSFILE PGSERVICE PGSERVICEFILE PGOPTIONS PGSSLMODE \
    PGREQUIRESSL PGGSSENCMODE PGTARGETSESSIONATTRS PGDATA PGCTLTIMEOUT

# Debian and Ubuntu: /usr/lib/postgresql/<major>/bin; the PGDG RPMs: /usr/pgsql-<major>/bin; else PATH.
# VITOOLKIT_PG_BINDIR overrides the search.
find_bindir() {
    local candidates=() d t ok
    if [[ -n ${VITOOLKIT_PG_BINDIR:-} ]]; then
        candidates=("$VITOOLKIT_PG_BINDIR")
    else
        shopt -s nullglob
        mapfile -t candidates < <(printf '%s\n' /usr/lib/postgresql/*/bin /usr/pgsql-*/bin | sort -V -r)
        shopt -u nullglob
        if command -v initdb >/dev/null; then candidates+=("$(dirname "$(command -v initdb)")"); fi
    fi
    for d in "${candidates[@]}"; do
        ok=1
        for t in "${tools[@]}"; do [[ -x $d/$t ]] || { ok=; break; }; done
        if [[ -n $ok ]]; then echo "$d"; return 0; fi
    done
    return 1
}

# Sets bindir, user (the server's: empty for the caller; postgres, else nobody, when the caller is root) and uid (its
# UID); or reason, why this machine cannot run a server.
check() {
    reason= bindir= user= uid=$EUID
    if [[ $OSTYPE != linux* ]]; then reason="private PostgreSQL servers need Linux"; return; fi
    if ! bindir=$(find_bindir); then
        reason="no PostgreSQL server (${tools[*]}) under ${VITOOLKIT_PG_BINDIR:-/usr/lib/postgresql/*/bin, /usr/pgsql-*/bin or PATH}:"
        reason+=" install the Debian package postgresql (build.ps1 Test does so as root)"
        return
    fi
    [[ $EUID == 0 ]] || return 0
    local u entry
    for u in postgres nobody; do
        if entry=$(getent passwd "$u"); then user=$u; IFS=: read -r _ _ uid _ <<<"$entry"; break; fi
    done
    if [[ -z $user ]]; then reason="running as root, and there is no postgres or nobody user to run PostgreSQL as"; return; fi
    if ! command -v runuser >/dev/null; then reason="running as root without runuser (util-linux) to run PostgreSQL as $user"; fi
}

as_server() {
    if [[ -n $user ]]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

# Alive and not a zombie.
alive() {
    local pid=$1 line
    [[ -n $pid && -r /proc/$pid/status ]] || return 1
    while read -r line; do
        if [[ $line == State:* ]]; then [[ ! $line =~ ^State:[[:space:]]*Z ]]; return; fi
    done 2>/dev/null < "/proc/$pid/status"
    return 1
}

# Every process whose working folder is DIR/data: the postmaster and all its children, and nothing else.
server_processes() {
    local data=$1/data p
    [[ -d $data ]] || return 0
    # -ef compares device and inode without a fork per process (this runs on busy CI machines).
    for p in /proc/[0-9]*; do
        if [[ $p/cwd -ef $data ]]; then echo "${p#/proc/}"; fi
    done 2>/dev/null
    return 0
}

# The postmaster's PID when it runs in DIR (postmaster.pid, checked against the process's folder), else nothing.
server_pid() {
    local dir=$1 pid
    [[ -s $dir/data/postmaster.pid ]] || return 0
    read -r pid < "$dir/data/postmaster.pid" || true
    if alive "$pid" && [[ /proc/$pid/cwd -ef $dir/data ]]; then echo "$pid"; fi
    return 0
}

random_secret() { od -An -N16 -tx1 /dev/urandom | tr -d ' \n'; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 12000))   # below Linux's ephemeral range (32768-60999)
        port_in_use "$port" || { echo "$port"; return 0; }
    done
    echo "no free port found on 127.0.0.1" >&2
    return 1
}

write_env() {
    local dir=$1 port=$2 password admin pid
    password=$(cat "$dir/password")
    admin=$(cat "$dir/admin-password")
    pid=$(server_pid "$dir")
    local base="Port=$port;Database=$database;Username=$username"
    {
        echo "ConnectionString=Host=127.0.0.1;$base;Password=$password"
        echo "ConnectionStringWithoutPassword=Host=127.0.0.1;$base"
        echo "SocketConnectionString=Host=$dir/run;$base;Password=$password"
        echo "AdminConnectionString=Host=127.0.0.1;Port=$port;Database=postgres;Username=postgres;Password=$admin"
        echo "Host=127.0.0.1"
        echo "Port=$port"
        echo "SocketDir=$dir/run"
        echo "Database=$database"
        echo "Username=$username"
        echo "Password=$password"
        echo "PgPass=$dir/pgpass"
        echo "Pid=$pid"
        echo "Dir=$dir"
        echo "Log=$dir/server.log"
    } > "$dir/server.env"
    chmod 600 "$dir/server.env"
}

own() { [[ -z $user ]] || chown "$user:" "$@"; }

# initdb takes seconds on a busy machine, a copy of its result half a second: the first server of a PostgreSQL
# version (and server user) leaves a pristine copy of its fresh cluster in TMPDIR, that the next ones start from.
# Its superuser password (initdb-password) is changed at once in each copy. VITOOLKIT_PG_TEMPLATE=off: initdb always.
template_dir() {
    local key
    key=$({ echo "$bindir"; "$bindir/postgres" --version; } | cksum | cut -d' ' -f1)
    echo "${TMPDIR:-/tmp}/vitoolkit-pg-template-$uid-$key"
}

# A complete template that the server user made and nobody else can write to.
usable_template() {
    local t=$1
    [[ -e $t/complete && -s $t/data/PG_VERSION && -s $t/initdb-password ]] \
        && [[ $(stat -c '%u %a' "$t") == "$uid 700" ]]
}

# Makes DIR/data, a fresh cluster whose superuser postgres has the password in DIR/initdb-password.
init_data() {
    local dir=$1 t tmp
    t=$(template_dir)
    if [[ ${VITOOLKIT_PG_TEMPLATE:-on} != off ]] && usable_template "$t" \
        && as_server cp -a "$t/data" "$dir/data" 2>/dev/null && as_server cp "$t/initdb-password" "$dir/initdb-password"; then
        return 0
    fi
    rm -rf "$dir/data"
    random_secret > "$dir/initdb-password"
    own "$dir/initdb-password"
    # --no-sync: initdb's files stay in the page cache, which no process crash can lose (only a power cut could).
    # The server itself runs with fsync on.
    if ! as_server "$bindir/initdb" -D "$dir/data" -U postgres -A scram-sha-256 --pwfile="$dir/initdb-password" \
        -E UTF8 --no-locale --no-sync >"$dir/initdb.log" 2>&1; then
        cat "$dir/initdb.log" >&2
        fail "$dir" "initdb failed in $dir/data"
    fi
    [[ ${VITOOLKIT_PG_TEMPLATE:-on} != off ]] || return 0
    # Published by a rename, so that servers starting at once never see half a template (the loser keeps its own).
    tmp=$t.$$.$RANDOM
    if as_server mkdir -m 700 "$tmp" 2>/dev/null && as_server cp -a "$dir/data" "$tmp/data" \
        && as_server cp "$dir/initdb-password" "$tmp/initdb-password" && as_server touch "$tmp/complete"; then
        as_server mv -T "$tmp" "$t" 2>/dev/null || true
    fi
    as_server rm -rf "$tmp" 2>/dev/null || true
}

# Starts the postmaster on PORT; returns 2 when the port was taken (the caller tries another), 1 on other failures.
launch() {
    local dir=$1 port=$2 fsync=$3
    cat > "$dir/data/vitoolkit.conf" <<CONF
# Written by tests/hosts/pgserver.sh at every start.
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/run'
unix_socket_permissions = 0777
fsync = $fsync
shared_buffers = 32MB
max_connections = 100
logging_collector = off
CONF
    [[ -z $user ]] || chown "$user:" "$dir/data/vitoolkit.conf"
    local size log
    size=$(stat -c %s "$dir/server.log" 2>/dev/null || echo 0)
    if as_server "$bindir/pg_ctl" start -w -t 60 -s -D "$dir/data" -l "$dir/server.log" >/dev/null 2>"$dir/pg_ctl.err"; then
        return 0
    fi
    log=$(tail -c +"$((size + 1))" "$dir/server.log" 2>/dev/null || true)
    if [[ $log == *"could not bind"* || $log == *"Address already in use"* ]]; then return 2; fi
    return 1
}

fail() {
    local dir=$1; shift
    echo "pgserver.sh: $*" >&2
    if [[ -s $dir/pg_ctl.err ]]; then sed 's/^/  pg_ctl: /' "$dir/pg_ctl.err" >&2; fi
    if [[ -s $dir/server.log ]]; then tail -n 20 "$dir/server.log" | sed 's/^/  log: /' >&2; fi
    exit 1
}

start() {
    local dir=$1; shift
    local fsync=on owner= reason port pid rc
    while (($#)); do
        case $1 in
            --no-fsync) fsync=off ;;
            --owner) owner=${2:?--owner needs a PID}; shift ;;
            *) echo "unknown option $1" >&2; exit 2 ;;
        esac
        shift
    done
    check
    if [[ -n $reason ]]; then echo "pgserver.sh: cannot run PostgreSQL here: $reason" >&2; exit 1; fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [[ ! -e $dir/$marker && -n $(ls -A "$dir") ]]; then
        echo "pgserver.sh: $dir is not empty and was not made by pgserver.sh; not touching it" >&2
        exit 1
    fi
    # Unix socket paths are limited to 107 bytes.
    if ((${#dir} + 20 > 107)); then echo "pgserver.sh: $dir is too long for a unix socket path" >&2; exit 1; fi

    if [[ -n $(server_pid "$dir") ]]; then   # already running: the same answer again
        write_env "$dir" "$(sed -n 's/^Port=//p' "$dir/server.env")"
        cat "$dir/server.env"
        return 0
    fi

    if [[ ! -s $dir/data/PG_VERSION ]]; then
        umask 077
        touch "$dir/$marker"
        rm -rf "$dir/data" "$dir/run"
        mkdir -p "$dir/run"
        random_secret > "$dir/password"
        random_secret > "$dir/admin-password"
        if [[ -n $user ]]; then
            chown -R "$user:" "$dir"
            # Parent folders must let the server user through (a TMPDIR under /root would not).
            as_server test -w "$dir" || { echo "pgserver.sh: user $user cannot write to $dir; use a folder under /tmp" >&2; exit 1; }
        fi
        init_data "$dir"
        echo "include_if_exists = 'vitoolkit.conf'" >> "$dir/data/postgresql.conf"
        rc=2
        for _ in $(seq 1 10); do
            port=$(free_port)
            rc=0; launch "$dir" "$port" "$fsync" || rc=$?
            [[ $rc == 2 ]] || break
        done
        [[ $rc == 0 ]] || fail "$dir" "the server did not start in $dir"
        echo "$port" > "$dir/port"
        local pw; pw=$(cat "$dir/password")
        if ! PGPASSWORD=$(cat "$dir/initdb-password") "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/run" -p "$port" \
            -U postgres -d postgres >/dev/null 2>"$dir/psql.err" <<SQL
ALTER ROLE postgres PASSWORD '$(cat "$dir/admin-password")';
CREATE ROLE $username LOGIN CREATEDB PASSWORD '$pw';
CREATE DATABASE $database OWNER $username;
SQL
        then
            cat "$dir/psql.err" >&2
            stop "$dir" --keep
            fail "$dir" "could not create the role $username and the database $database"
        fi
        {
            echo "127.0.0.1:$port:*:$username:$pw"
            echo "localhost:$port:*:$username:$pw"
            echo "$dir/run:$port:*:$username:$pw"
        } > "$dir/pgpass"
        rm -f "$dir/initdb-password"
        chmod 600 "$dir/pgpass" "$dir/password" "$dir/admin-password"
    else
        # A server that was stopped or killed: same port, same password; PostgreSQL replays its WAL.
        port=$(cat "$dir/port")
        rm -f "$dir/data/postmaster.pid" "$dir/run/.s.PGSQL.$port" "$dir/run/.s.PGSQL.$port.lock"
        rc=0; launch "$dir" "$port" "$fsync" || rc=$?
        [[ $rc != 2 ]] || fail "$dir" "port $port, which this server had, is taken now"
        [[ $rc == 0 ]] || fail "$dir" "the server did not start again in $dir"
    fi
    "$bindir/pg_isready" -q -h "$dir/run" -p "$port" -t 30 || fail "$dir" "the server in $dir does not accept connections"
    pid=$(server_pid "$dir")
    [[ -n $pid ]] || fail "$dir" "the server in $dir has no postmaster.pid"
    echo "$pid" > "$dir/pid"
    write_env "$dir" "$port"
    if [[ -n $owner ]]; then
        stop_watcher "$dir"
        setsid bash "$self" watch "$dir" "$owner" </dev/null >/dev/null 2>&1 &
        echo $! > "$dir/watcher.pid"
    fi
    cat "$dir/server.env"
}

# Waits until PID is gone, at most TENTHS tenths of a second; true when it is gone.
wait_gone() {
    local pid=$1 tenths=$2
    for _ in $(seq 1 "$tenths"); do alive "$pid" || return 0; sleep 0.1; done
    ! alive "$pid"
}

stop_watcher() {
    local dir=$1 wpid cmdline
    [[ -s $dir/watcher.pid && -z ${VITOOLKIT_PG_WATCHER:-} ]] || return 0
    read -r wpid < "$dir/watcher.pid" || true
    if alive "$wpid"; then
        cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$wpid/cmdline" || true)
        if [[ $cmdline == *"pgserver.sh watch $dir "* ]]; then kill "$wpid" 2>/dev/null || true; fi
    fi
    rm -f "$dir/watcher.pid"
}

kill_all() {
    local dir=$1 p
    for p in $(server_processes "$dir"); do kill -9 "$p" 2>/dev/null || true; done
    for p in $(server_processes "$dir"); do wait_gone "$p" 50 || true; done
}

stop() {
    local dir=$1 keep=${2:-} pid
    [[ -d $dir ]] || return 0
    dir=$(cd "$dir" && pwd)
    if [[ -z $(ls -A "$dir") ]]; then   # a start that failed early
        if [[ $keep != --keep ]]; then rmdir "$dir"; fi
        return 0
    fi
    if [[ ! -e $dir/$marker ]]; then
        echo "pgserver.sh: $dir was not made by pgserver.sh; not touching it" >&2
        return 1
    fi
    stop_watcher "$dir"
    pid=$(server_pid "$dir")
    if [[ -n $pid && $keep == --keep ]]; then
        # SIGINT is PostgreSQL's fast shutdown: it ends the sessions (a smart shutdown, SIGTERM, would wait for
        # every pooled connection) and writes a checkpoint, so that DIR can start again without recovery.
        kill -INT "$pid" 2>/dev/null || true
        wait_gone "$pid" 100 || true
    fi
    if [[ -n $pid ]] && alive "$pid"; then
        # SIGQUIT, immediate shutdown: the backends quit at once and no checkpoint is written (DIR goes anyway).
        kill -QUIT "$pid" 2>/dev/null || true
        wait_gone "$pid" 50 || true
    fi
    kill_all "$dir"   # a SIGKILLed or crashed postmaster's backends, if any
    rm -f "$dir/pid"
    if [[ $keep != --keep ]]; then rm -rf "$dir"; fi
}

watch() {
    local dir=$1 owner=$2
    while alive "$owner" && [[ -e $dir/$marker ]]; do sleep 1; done
    if [[ -e $dir/$marker ]]; then VITOOLKIT_PG_WATCHER=1 stop "$dir"; fi
}

case $cmd in
    start | stop | kill | info) [[ -n $dir ]] || { echo "usage: $0 $cmd DIR" >&2; exit 2; } ;;
esac
case $cmd in
    start) shift 2; start "$dir" "$@" ;;
    stop) stop "$dir" "${3:-}" ;;
    kill) [[ ! -e $dir/$marker ]] || kill_all "$dir" ;;
    info) [[ -e $dir/$marker && -n $(server_pid "$dir") ]] || { echo "no server runs in $dir" >&2; exit 1; }; cat "$dir/server.env" ;;
    watch) watch "$dir" "${3:?}" ;;
    can-run) check; if [[ -n $reason ]]; then echo "$reason"; exit 1; fi ;;
    bindir) check; if [[ -z $bindir ]]; then echo "$reason" >&2; exit 1; fi; echo "$bindir" ;;
    *) echo "usage: $0 start DIR [--no-fsync] [--owner PID] | stop DIR [--keep] | kill DIR | info DIR | can-run | bindir" >&2; exit 2 ;;
esac
