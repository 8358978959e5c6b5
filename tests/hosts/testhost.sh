#!/usr/bin/env bash
# Starts and stops private libvirtd "test hosts" on this one machine (needs root).
# Each host runs in its own mount namespace with private /etc/libvirt, /run/libvirt, /var/lib/libvirt,
# /var/log/libvirt and /var/cache/libvirt, its own host_uuid, and can run tiny QEMU guests.
#
#   testhost.sh start DIR [UUID] [SLOT]
#                                  start a host whose state lives in DIR; prints its socket path. All hosts share this
#                                  machine's network: SLOT (0-199, default from DIR) gives each its own VNC, SPICE and
#                                  migration port range, so that hosts starting or receiving guests at once never race
#                                  for the same port
#   testhost.sh stop DIR           stop it (daemon and its guests, by PID) and keep DIR
#   testhost.sh kill DIR           kill -9 the daemon only (guests keep running), to simulate a daemon crash
#   testhost.sh can-run            exit 0 when this machine can run test hosts (root, unshare, libvirtd)
set -euo pipefail

cmd=${1:-}
dir=${2:-}

can_run() {
    [[ $(id -u) == 0 ]] && command -v unshare >/dev/null && [[ -x /usr/sbin/libvirtd ]] \
        && getent passwd libvirt-qemu >/dev/null
}

socket_of() { echo "$1/run/libvirt-sock"; }

# Alive and not a zombie (a killed daemon is re-parented to PID 1, which may be slow to reap it).
alive() {
    local pid=$1
    [[ -n $pid && -r /proc/$pid/status ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$pid/status"
}

start() {
    local dir=$1 uuid=${2:-$(cat /proc/sys/kernel/random/uuid)} slot=${3:-}
    mkdir -p "$dir"/{etc,run,lib,log,cache}
    dir=$(cd "$dir" && pwd)
    if [[ -s $dir/run/libvirtd.pid ]] && alive "$(cat "$dir/run/libvirtd.pid")"; then
        echo "a daemon already runs in $dir" >&2
        return 1
    fi
    # A daemon that was killed leaves its sockets and pidfile behind.
    rm -f "$dir"/run/libvirt-sock "$dir"/run/libvirt-sock-ro "$dir"/run/libvirt-admin-sock "$dir"/run/libvirtd.pid
    for m in /etc/libvirt /run/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt; do mkdir -p "$m"; done
    cat > "$dir/etc/libvirtd.conf" <<CONF
unix_sock_dir = "/run/libvirt"
unix_sock_rw_perms = "0777"
auth_unix_rw = "none"
auth_unix_ro = "none"
host_uuid = "$uuid"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
keepalive_interval = 5
keepalive_count = 3
CONF
    [[ -n $slot ]] || slot=$(( $(printf '%s' "$dir" | cksum | cut -d' ' -f1) % 200 ))
    local display=$((5900 + slot * 16)) migration=$((49152 + slot * 16))
    cat > "$dir/etc/qemu.conf" <<CONF
user = "root"
group = "root"
security_driver = "none"
stdio_handler = "file"
cgroup_controllers = [ ]
remote_display_port_min = $display
remote_display_port_max = $((display + 15))
remote_websocket_port_min = $((display + 8800))
remote_websocket_port_max = $((display + 8815))
migration_port_min = $migration
migration_port_max = $((migration + 15))
CONF
    # The socket lives in the private /run/libvirt; expose it through DIR/run, which is the same folder.
    setsid unshare -m --propagation private bash -c "
        mount --bind '$dir/etc' /etc/libvirt
        mount --bind '$dir/run' /run/libvirt
        mount --bind '$dir/lib' /var/lib/libvirt
        mount --bind '$dir/log' /var/log/libvirt
        mount --bind '$dir/cache' /var/cache/libvirt
        exec /usr/sbin/libvirtd -f /etc/libvirt/libvirtd.conf -p /run/libvirt/libvirtd.pid
    " </dev/null >"$dir/daemon.out" 2>&1 &
    for _ in $(seq 1 100); do
        if [[ -S $dir/run/libvirt-sock && -s $dir/run/libvirtd.pid ]]; then
            socket_of "$dir"
            return 0
        fi
        sleep 0.1
    done
    echo "libvirtd did not start in $dir; see $dir/daemon.out and $dir/log/libvirtd.log" >&2
    stop "$dir" || true
    return 1
}

stop() {
    local dir=$1
    if [[ -s $dir/run/libvirtd.pid ]]; then
        local pid; pid=$(cat "$dir/run/libvirtd.pid")
        if alive "$pid"; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
            kill -9 "$pid" 2>/dev/null || true
        fi
        rm -f "$dir/run/libvirtd.pid"
    fi
    # Guests outlive their daemon by design: stop them by their own pidfiles.
    shopt -s nullglob
    for pidfile in "$dir"/run/qemu/*.pid; do
        local qpid; qpid=$(cat "$pidfile" 2>/dev/null || true)
        [[ -n $qpid ]] && kill -9 "$qpid" 2>/dev/null || true
        rm -f "$pidfile"
    done
}

kill_daemon() {
    local dir=$1 pid
    [[ -s $dir/run/libvirtd.pid ]] || return 0
    pid=$(cat "$dir/run/libvirtd.pid")
    kill -9 "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do alive "$pid" || return 0; sleep 0.1; done
}

case $cmd in
    start) start "$dir" "${3:-}" "${4:-}" ;;
    stop) stop "$dir" ;;
    kill) kill_daemon "$dir" ;;
    can-run) can_run ;;
    *) echo "usage: $0 start|stop|kill DIR [UUID [SLOT]] | can-run" >&2; exit 2 ;;
esac
