#!/usr/bin/env bash
# .ci/fulldisk.sh SALESIM — a real full disk (issue 7): every command that writes results, run
# into a tiny tmpfs, must stop with exit status 1 and a message naming the file and the cause
# ("No space left on device"), leave no temporary file, and leave every file it did write
# whole (byte-identical to the same command on a roomy disk). A sweep's journal must stay
# resumable: after space is freed, `--resume` finishes with the same points.csv.
#
# SALESIM is the path of the built binary (e.g. target/release/salesim). Needs root to mount a
# tmpfs; as another user it prints "skipped" and exits 0. The tmpfs sizes are chosen from the
# outputs' sizes (tmpfs counts whole 4 KiB pages) so that the first files fit and a later one
# does not: ENOSPC hits mid-run, not at the first byte.
# Takes about a second. Unmounts and removes its directories on any exit.
set -euo pipefail

[ $# = 1 ] || { echo "usage: $0 path/to/salesim" >&2; exit 2; }
BIN=$(realpath "$1")
[ -x "$BIN" ] || { echo "$0: $1 is not an executable" >&2; exit 2; }
if [ "$(id -u)" != 0 ]; then
  echo "fulldisk: skipped: needs root to mount a tmpfs"
  exit 0
fi
cd "$(dirname "$0")/.."

REF=$(mktemp -d /tmp/salesim-fulldisk-ref.XXXXXX)   # the same commands on a roomy disk
DISK=$(mktemp -d /tmp/salesim-fulldisk.XXXXXX)      # the tiny tmpfs
ERR=$REF/stderr
MOUNTED=0
cleanup() {
  if [ "$MOUNTED" = 1 ]; then umount "$DISK" || echo "fulldisk: cannot unmount $DISK" >&2; fi
  rmdir "$DISK" 2>/dev/null || true
  rm -rf "$REF"
}
trap cleanup EXIT

log() { echo "fulldisk: $*"; }
die() {
  echo "fulldisk: FAILED: $*" >&2
  [ -s "$ERR" ] && sed 's/^/  stderr: /' "$ERR" >&2
  exit 1
}

# A fresh, empty tmpfs of $1 (e.g. 64k).
disk() {
  if [ "$MOUNTED" = 1 ]; then umount "$DISK"; MOUNTED=0; fi
  mount -t tmpfs -o "size=$1" tmpfs "$DISK"
  MOUNTED=1
}

# Gives the tmpfs $1 of room, keeping its files (as when a user frees space).
grow() { mount -o "remount,size=$1" "$DISK"; }

# expect_enospc OUT CMD... — runs CMD (which writes into $DISK/OUT), expecting exit status 1,
# a message naming a file in OUT and "No space left on device", no temporary files, and every
# file written identical to $REF/OUT. Prints what it wrote and the message.
expect_enospc() {
  local out=$1 rc=0 f
  shift
  "$@" >/dev/null 2>"$ERR" || rc=$?
  [ "$rc" = 1 ] || die "$out: exit status $rc, expected 1"
  grep -q "panicked" "$ERR" && die "$out: panicked"
  grep -qF "$DISK/$out/" "$ERR" || die "$out: the message does not name a file in $DISK/$out"
  grep -q "No space left on device" "$ERR" || die "$out: the message does not name the cause"
  local tmp
  tmp=$(find "$DISK" -name '.tmp*' -o -name '*.tmp')
  [ -z "$tmp" ] || die "$out: temporary files left behind: $tmp"
  local written=()
  for f in "$DISK/$out"/*; do
    [ -e "$f" ] || continue
    written+=("$(basename "$f")")
    [ "$(basename "$f")" = journal.csv ] && continue   # points in finishing order, checked below
    cmp -s "$f" "$REF/$out/$(basename "$f")" || die "$out: $(basename "$f") is not whole"
  done
  log "$out: exit 1 after writing ${#written[@]} file(s) (${written[*]:-none}): $(head -n 1 "$ERR")"
}

# A journal must end with a whole line, and its rows (in any order) must be rows of the
# reference's journal.
check_journal() {
  local j=$DISK/$1/journal.csv
  [ -s "$j" ] || die "$1: no journal"
  [ "$(tail -c 1 "$j" | od -An -c | tr -d ' ')" = '\n' ] || die "$1: the journal ends mid-line"
  sort "$j" | comm -23 - <(sort "$REF/$1/journal.csv") | grep -q . \
    && die "$1: the journal has rows the reference has not"
  log "$1: journal.csv has $(($(wc -l <"$j") - 1)) whole point(s) of 6"
}

RUN=(run scenarios/small-specialized.ron -r 2 -q -j 2)
CMP=(compare scenarios/small-specialized.ron scenarios/small-generalist.ron -r 2 -q -j 2)
SWEEP=(sweep scenarios/sweeps/ci-small.ron -q -j 2)

log "reference outputs in $REF"
"$BIN" "${RUN[@]}" --out "$REF/run" >/dev/null
"$BIN" "${CMP[@]}" --out "$REF/compare" >/dev/null
"$BIN" "${SWEEP[@]}" --out "$REF/sweep" >/dev/null
"$BIN" "${SWEEP[@]}" --out "$REF/sweep-journal" >/dev/null

# run: summary.json (25 KB) and the CSVs fit in 64 KiB, the first chart (180 KB PNG) does not.
disk 64k
expect_enospc run "$BIN" "${RUN[@]}" --out "$DISK/run"
[ -e "$DISK/run/summary.json" ] || die "run: ENOSPC at the first file, not mid-run"

# compare: summary.json (67 KB) and the CSVs fit in 128 KiB, the charts do not.
disk 128k
expect_enospc compare "$BIN" "${CMP[@]}" --out "$DISK/compare"
[ -e "$DISK/compare/summary.json" ] || die "compare: ENOSPC at the first file, not mid-run"

# sweep, full at the end: sweep.json and the whole journal (12 KB) fit in 16 KiB, points.csv
# does not. After freeing space, --resume computes nothing and writes points.csv.
disk 16k
expect_enospc sweep "$BIN" "${SWEEP[@]}" --out "$DISK/sweep"
check_journal sweep
grow 64k
"$BIN" "${SWEEP[@]}" --out "$DISK/sweep" --resume >/dev/null 2>"$ERR" || die "sweep: --resume failed"
cmp -s "$DISK/sweep/points.csv" "$REF/sweep/points.csv" || die "sweep: resumed points.csv differs"
log "sweep: --resume after freeing space wrote the same points.csv"

# sweep, full mid-run: the journal fills up at its third page, part-way through the points.
# The line being appended is cut off again; --resume computes the rest.
disk 12k
expect_enospc sweep-journal "$BIN" "${SWEEP[@]}" --out "$DISK/sweep-journal"
check_journal sweep-journal
grow 64k
"$BIN" "${SWEEP[@]}" --out "$DISK/sweep-journal" --resume >/dev/null 2>"$ERR" \
  || die "sweep-journal: --resume failed"
cmp -s "$DISK/sweep-journal/points.csv" "$REF/sweep-journal/points.csv" \
  || die "sweep-journal: resumed points.csv differs"
log "sweep-journal: --resume after freeing space wrote the same points.csv"

log "ok"
