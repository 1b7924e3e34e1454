#!/usr/bin/env bash
# Starts a real single-node SLURM for development and CI: munged, slurmctld, slurmd and
# slurmrestd (JWT auth) on 127.0.0.1. Run as root. Idempotent: a second run leaves a working
# cluster alone and only starts what is not running.
#
# Everything it writes lives in system paths (/etc/slurm, /etc/munge, /var/spool/slurm,
# /var/log/slurm, /run), never in the source tree.
#
# Environment (all optional):
#   SLURM_REST_PORT      port of slurmrestd on 127.0.0.1 (default 6820)
#   PLINTH_JOB_USER      the non-root user jobs run as (default plinth)
#   PLINTH_KEY_READER    a user that must read the JWT key to mint tokens (the user running
#                        Plinth when that is not root); added to the key's group
set -euo pipefail

PORT="${SLURM_REST_PORT:-6820}"
JOB_USER="${PLINTH_JOB_USER:-plinth}"
REST_USER=slurmrestd
KEY_GROUP=slurmjwt
CONF=/etc/slurm/slurm.conf          # the default path: sinfo/scontrol work without SLURM_CONF
SPOOL=/var/spool/slurm
JWT_KEY="$SPOOL/jwt_hs256.key"
LOGS=/var/log/slurm
REST_PID=/run/slurmrestd.pid
PACKAGES=(slurmctld slurmd slurm-client slurmrestd munge slurm-wlm-jwt-plugin)

log() { printf '[dev-cluster] %s\n' "$*"; }
die() { printf '[dev-cluster] ERROR: %s\n' "$*" >&2; exit 1; }

[[ $(id -u) -eq 0 ]] || die "run as root"

running() { # pid file -> true when it names a live process
    [[ -s "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# --- packages ---------------------------------------------------------------------------------
missing=()
for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # No recommends: they pull in a mail server and the whole X-less desktop of docs.
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
id slurm >/dev/null 2>&1 || die "the Debian packages did not create the 'slurm' user"

# --- users ------------------------------------------------------------------------------------
# slurmrestd refuses to run as root or as SlurmUser, so it gets its own unprivileged user.
id "$REST_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$REST_USER"
# Jobs need a real non-root user with a home: SLURM accepts unknown names, then requeues forever.
id "$JOB_USER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$JOB_USER"

# --- keys -------------------------------------------------------------------------------------
install -d -m 0755 -o slurm -g slurm "$SPOOL" "$SPOOL/ctld" "$SPOOL/d" "$LOGS"
install -d -m 0755 -o munge -g munge /run/munge /etc/munge
if [[ ! -s /etc/munge/munge.key ]]; then
    log "writing a munge key"
    dd if=/dev/urandom bs=1024 count=1 status=none of=/etc/munge/munge.key
fi
chown munge:munge /etc/munge/munge.key && chmod 0400 /etc/munge/munge.key

getent group "$KEY_GROUP" >/dev/null || groupadd --system "$KEY_GROUP"
if [[ ! -s "$JWT_KEY" ]]; then
    log "writing a JWT key"
    dd if=/dev/urandom bs=32 count=1 status=none of="$JWT_KEY"
fi
# slurmctld (as slurm) must read it; whoever mints tokens (Plinth) must read it too. Root can
# always read it, so CI needs nothing more; another service user joins the group.
chown slurm:"$KEY_GROUP" "$JWT_KEY" && chmod 0640 "$JWT_KEY"
if [[ -n "${PLINTH_KEY_READER:-}" ]]; then
    usermod -a -G "$KEY_GROUP" "$PLINTH_KEY_READER"
fi

# --- slurm.conf -------------------------------------------------------------------------------
cpus=$(nproc)
# slurmd drains a node configured with more memory than it finds: ask slurmd itself.
mem=$(slurmd -C 2>/dev/null | sed -n 's/.*RealMemory=\([0-9]*\).*/\1/p' | head -1)
[[ -n "$mem" ]] || mem=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 ))
install -d -m 0755 /etc/slurm
new_conf=$(cat <<EOF
# Written by Plinth's server-config/slurm/start-dev-cluster.sh: a one-node development cluster.
ClusterName=plinth
SlurmctldHost=localhost
SlurmUser=slurm
AuthType=auth/munge
AuthAltTypes=auth/jwt
AuthAltParameters=jwt_key=$JWT_KEY
StateSaveLocation=$SPOOL/ctld
SlurmdSpoolDir=$SPOOL/d
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
# Start a job as soon as it is submitted rather than at the next scheduler pass (~3 s -> ~1 s).
SchedulerParameters=batch_sched_delay=0
# Finished jobs stay visible to the REST API this long (seconds).
MinJobAge=300
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
# Two stand-in GPUs: character devices that are copies of /dev/null (slurmd wants a device file
# per GPU). Enough for SLURM to schedule gres/gpu, so a job's GPU request is taken, placed and
# given CUDA_VISIBLE_DEVICES as on a real GPU node; nothing runs on them.
GresTypes=gpu
NodeName=localhost CPUs=$cpus RealMemory=$mem Gres=gpu:2 State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
)
for i in 0 1; do
    [[ -e /dev/plinth-gpu$i ]] || mknod -m 0666 /dev/plinth-gpu$i c 1 3
done
new_gres="NodeName=localhost Name=gpu File=/dev/plinth-gpu[0-1]"
if [[ ! -f "$CONF" ]] || [[ "$(cat "$CONF")" != "$new_conf" ]] \
        || [[ ! -f /etc/slurm/gres.conf ]] || [[ "$(cat /etc/slurm/gres.conf)" != "$new_gres" ]]; then
    if running /run/slurmctld.pid || running /run/slurmd.pid; then
        log "slurm.conf changed: restarting"
        "$(dirname "$0")/stop-dev-cluster.sh"
    fi
    printf '%s\n' "$new_conf" > "$CONF"
    printf '%s\n' "$new_gres" > /etc/slurm/gres.conf
    chmod 0644 "$CONF" /etc/slurm/gres.conf
fi

# --- daemons ----------------------------------------------------------------------------------
# The daemons keep the working directory they start in: start them from /, so that deleting the
# checkout this script ran from (a CI clone) does not break slurmrestd ("getcwd failed").
cd /
if ! running /run/munge/munged.pid; then
    log "starting munged"
    runuser -u munge -- /usr/sbin/munged
fi
if ! running /run/slurmctld.pid; then
    log "starting slurmctld"
    slurmctld   # drops to SlurmUser itself
fi
if ! running /run/slurmd.pid; then
    log "starting slurmd"
    # The machine's hostname is not the node's name.
    slurmd -N localhost
fi

# slurmctld must answer before slurmrestd is of any use.
for _ in $(seq 1 60); do
    scontrol ping 2>/dev/null | grep -q 'is UP' && break
    sleep 0.5
done
scontrol ping | grep -q 'is UP' || die "slurmctld does not answer; see $LOGS/slurmctld.log"

if ! running "$REST_PID"; then
    log "starting slurmrestd on 127.0.0.1:$PORT"
    # Without an explicit -s it also loads the dbv plugins and dies asking for slurmdbd.
    SLURM_JWT=daemon nohup slurmrestd -u "$REST_USER" -g "$REST_USER" -a rest_auth/jwt \
        -s openapi/v0.0.38,openapi/v0.0.37,openapi/v0.0.36 "127.0.0.1:$PORT" \
        >>"$LOGS/slurmrestd.log" 2>&1 </dev/null &
    echo $! > "$REST_PID"
fi

# A node left DOWN/DRAINED by an earlier run would keep every job PENDING.
for _ in $(seq 1 60); do
    state=$(sinfo -h -n localhost -o '%T' 2>/dev/null || true)
    case "$state" in
        idle*|mixed*|allocated*) break ;;
        down*|drain*) scontrol update nodename=localhost state=resume 2>/dev/null || true ;;
    esac
    sleep 0.5
done
[[ "$state" =~ ^(idle|mixed|allocated) ]] || die "node localhost is '$state'; see $LOGS/slurmd.log"

# Ping through the REST API with a short-lived token, exactly as Plinth will talk to it.
token=$(scontrol token username=slurm lifespan=60 | sed -n 's/^SLURM_JWT=//p')
url="http://127.0.0.1:$PORT"
ok=""
for _ in $(seq 1 60); do
    if curl -fsS -H "X-SLURM-USER-NAME: slurm" -H "X-SLURM-USER-TOKEN: $token" \
        "$url/slurm/v0.0.38/ping" 2>/dev/null | grep -q '"UP"'; then
        ok=yes
        break
    fi
    sleep 0.5
done
[[ -n "$ok" ]] || die "slurmrestd does not answer ping; see $LOGS/slurmrestd.log"

log "SLURM $(sinfo -V | awk '{print $2}') is up: $cpus CPUs, ${mem} MB on node localhost, partition debug"
echo "PLINTH_SLURM_URL=$url"
echo "PLINTH_SLURM_KEY=$JWT_KEY"
echo "PLINTH_SLURM_SERVICE_USER=slurm"
echo "PLINTH_SLURM_JOB_USER=$JOB_USER"
