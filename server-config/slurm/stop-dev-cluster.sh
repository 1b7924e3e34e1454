#!/usr/bin/env bash
# Stops the development SLURM started by start-dev-cluster.sh: each daemon by the pid its pid
# file names, so nothing else on the machine is touched. Leaves configuration, keys and state.
set -euo pipefail
[[ $(id -u) -eq 0 ]] || { echo "run as root" >&2; exit 1; }

stop() { # name, pid file
    local name=$1 file=$2 pid
    [[ -s "$file" ]] || return 0
    pid=$(cat "$file")
    if kill -0 "$pid" 2>/dev/null; then
        echo "[dev-cluster] stopping $name ($pid)"
        kill -TERM "$pid"
        for _ in $(seq 1 40); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.25
        done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$file"
}

stop slurmrestd /run/slurmrestd.pid
stop slurmd /run/slurmd.pid
stop slurmctld /run/slurmctld.pid
stop munged /run/munge/munged.pid
