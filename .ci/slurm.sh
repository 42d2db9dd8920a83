#!/usr/bin/env bash
# .ci/slurm.sh SALESIM — run scenarios/sweeps/ci-small.ron as a real Slurm job array and check
# that the merged shards equal a single-machine run byte for byte.
#
# SALESIM is the path of the built binary (e.g. target/release/salesim). Needs root in a
# Debian/Ubuntu container without systemd (see ../shared/slurm/NOTES.md for the recipe and its
# pitfalls). It
#   1. installs slurmctld, slurmd, slurm-client and munge with apt-get if they are missing;
#   2. starts munged (unless one already answers), slurmctld and slurmd for a one-node cluster
#      on localhost, with its config, state and logs in a temporary directory (SLURM_CONF
#      points there; /etc/slurm is not touched);
#   3. submits examples/slurm/sweep.sbatch as `sbatch --array=0-2`, polls squeue until the
#      tasks are gone and checks with scontrol (no sacct without slurmdbd) that all completed;
#   4. merges the three shards and compares points.csv with `salesim sweep` run in one go;
#   5. stops exactly the daemons it started, by PID, on any exit.
# Takes about 10 s here with Slurm installed (most of it stopping the daemons), 25 s with the
# apt-get install.
set -euo pipefail

[ $# = 1 ] || { echo "usage: $0 path/to/salesim" >&2; exit 2; }
BIN=$(realpath "$1")
[ -x "$BIN" ] || { echo "$0: $1 is not an executable" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "$0: must run as root (it installs and starts Slurm)" >&2; exit 2; }
cd "$(dirname "$0")/.."

T0=$(date +%s.%N)
log() { printf '[slurm-ci %6.1fs] %s\n' "$(awk -v a="$T0" -v b="$(date +%s.%N)" 'BEGIN{print b-a}')" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

WORK=$(mktemp -d /tmp/salesim-slurm-ci.XXXXXX)
STATE=$WORK/slurm
export SLURM_CONF=$STATE/slurm.conf
STARTED=()   # "pid:comm" of every daemon this script started

# Stop what we started, by PID, checking that the PID still runs the same program.
cleanup() {
  local rc=$? entry pid comm i _
  if [ "$rc" != 0 ] && [ -d "$STATE/log" ]; then
    tail -n 20 "$STATE"/log/*.log "$WORK"/slurm-*.out 2>/dev/null >&2 || true
  fi
  for ((i = ${#STARTED[@]} - 1; i >= 0; i--)); do   # slurmd, slurmctld, then munged
    entry=${STARTED[$i]}; pid=${entry%%:*}; comm=${entry#*:}
    if [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$comm" ]; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
      [ -d "/proc/$pid" ] && kill -KILL "$pid" 2>/dev/null || true
      log "stopped $comm (pid $pid)"
    fi
  done
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

install() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null \
     && command -v sbatch >/dev/null && command -v munged >/dev/null; then
    return 0
  fi
  log "installing slurmctld slurmd slurm-client munge"
  # Keep package scripts from starting daemons with no config (many images already ship a
  # deny-all policy-rc.d; add one only for the install if not).
  local added=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; added=1
  fi
  local rc=0
  { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
         slurmctld slurmd slurm-client munge >/dev/null; } || rc=$?
  [ "$added" = 1 ] && rm -f /usr/sbin/policy-rc.d
  [ "$rc" = 0 ] || die "apt-get install failed ($rc)"
  log "installed $(slurmd -V)"
}

munge_ok() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }

start_munge() {
  if munge_ok; then log "reusing the running munged"; return 0; fi
  if [ ! -s /etc/munge/munge.key ]; then
    mkdir -p /etc/munge
    mungekey --create --force 2>/dev/null \
      || dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
  fi
  chown -R munge:munge /etc/munge /var/lib/munge /var/log/munge 2>/dev/null || true
  chmod 0700 /etc/munge; chmod 0400 /etc/munge/munge.key
  # No systemd-tmpfiles here: create the socket directory ourselves.
  mkdir -p /run/munge; chown munge:munge /run/munge; chmod 0755 /run/munge
  rm -f /run/munge/munged.pid
  runuser -u munge -- /usr/sbin/munged
  local i; for i in $(seq 1 50); do munge_ok && break; sleep 0.1; done
  munge_ok || die "munged did not start"
  STARTED+=("$(cat /run/munge/munged.pid):munged")
}

write_conf() {
  local mem; mem=$(awk '/MemTotal/{m=int($2/1024); print (m < 1000 ? m : 1000)}' /proc/meminfo)
  mkdir -p "$STATE/ctld" "$STATE/d" "$STATE/log"
  cat > "$SLURM_CONF" <<EOF
ClusterName=salesimci
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MinJobAge=600
MpiDefault=none
MailProg=/bin/true
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0,sched_min_interval=0
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldPort=6817
SlurmdPort=6818
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/d
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$(nproc) RealMemory=$mem State=UNKNOWN
PartitionName=ci Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
}

# Starts a forking daemon and records the PID from its pid file.
start_daemon() {  # $1 = comm, $2 = pid file, rest = command
  local comm=$1 pidfile=$2 i; shift 2
  "$@"
  for i in $(seq 1 50); do [ -s "$pidfile" ] && break; sleep 0.1; done
  [ -s "$pidfile" ] || die "$comm did not write $pidfile"
  STARTED+=("$(cat "$pidfile"):$comm")
}

start_cluster() {
  write_conf
  start_munge
  # -i: a fresh StateSaveLocation has no state files to recover (expected "errors" in the log).
  start_daemon slurmctld "$STATE/slurmctld.pid" slurmctld -i
  # The node is called localhost, not the container's hostname.
  start_daemon slurmd "$STATE/slurmd.pid" slurmd -N localhost
  local i state=""
  for i in $(seq 1 120); do
    state=$(sinfo -h -n localhost -o '%T' 2>/dev/null || true)
    [ "$state" = idle ] && break
    sleep 0.25
  done
  [ "$state" = idle ] || die "the node did not become idle (state '$state')"
  log "cluster up"
}

run_array() {
  local out=$WORK/out jid i n
  # The tasks inherit this environment (sbatch --export=ALL), including SLURM_CONF and SALESIM.
  jid=$(SALESIM=$BIN sbatch --parsable --array=0-2 --cpus-per-task=1 \
          -o "$WORK/slurm-%A_%a.out" examples/slurm/sweep.sbatch \
          scenarios/sweeps/ci-small.ron "$out")
  jid=${jid%%;*}
  log "submitted array job $jid (3 tasks)"
  for i in $(seq 1 240); do
    [ -z "$(squeue -h -j "$jid" 2>/dev/null)" ] && break
    sleep 0.25
  done
  [ -z "$(squeue -h -j "$jid" 2>/dev/null)" ] || die "job $jid did not finish within 60 s"
  n=$(scontrol show job "$jid" | grep -c 'JobState=COMPLETED' || true)
  [ "$n" = 3 ] || { scontrol show job "$jid" >&2; die "$n of 3 array tasks completed"; }
  log "array job $jid: 3 of 3 tasks completed"
  "$BIN" merge "$out"/shard-0 "$out"/shard-1 "$out"/shard-2 --out "$WORK/merged"
  "$BIN" sweep scenarios/sweeps/ci-small.ron --out "$WORK/single" --quiet
  cmp "$WORK/merged/points.csv" "$WORK/single/points.csv" \
    || die "merged shards differ from the single-machine run"
  log "merged shards equal the single-machine run byte for byte ($(wc -l < "$WORK/single/points.csv") lines)"
}

install
start_cluster
run_array
log "passed"
