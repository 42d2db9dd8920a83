#!/usr/bin/env bash
# Peak RSS of `salesim run` for 1,000 and 100,000 replications (GNU time's "Maximum resident
# set size"), and the bytes each replication adds. `run` folds each result into the summary as
# it arrives, in chunks of max(1024, 64 x threads) replications (issue 6), so the growth should
# be about 0: memory grows with people and open items, not with replications (it was ~2,260
# bytes per replication when every result was kept until the summary). Default scenario:
# scenarios/small-specialized.ron (cheap per replication, so 100,000 replications take
# minutes, not hours); SCENARIO=... to change.
#
# Usage: benches/rss.sh [SCENARIO]     (THREADS=2 by default)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SCENARIO="${1:-$ROOT/scenarios/small-specialized.ron}"
THREADS="${THREADS:-2}"
(cd "$ROOT" && cargo build --release >&2)
BIN="$ROOT/target/release/salesim"
declare -A KB
for reps in 1 1000 100000; do
    out=$( { /usr/bin/time -v "$BIN" run "$SCENARIO" -r "$reps" -j "$THREADS" --format json -q >/dev/null; } 2>&1 )
    KB[$reps]=$(sed -n 's/.*Maximum resident set size (kbytes): //p' <<<"$out")
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' <<<"$out")
    printf '%7d replications: peak RSS %8d KB, wall %s\n' "$reps" "${KB[$reps]}" "$wall"
done
awk -v a="${KB[1000]}" -v b="${KB[100000]}" 'BEGIN {
    printf "growth: %.0f bytes per replication ((RSS(100000) - RSS(1000)) / 99000)\n", (b - a) * 1024 / 99000
}'
