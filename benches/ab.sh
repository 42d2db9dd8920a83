#!/usr/bin/env bash
# A/B timing of two salesim binaries on one scenario: the binaries run in turn, ROUNDS times,
# and the script prints the median user+sys time of each and their ratio. Alternating cancels
# most of the drift of these shared hosts (their speed moves by ±20% within minutes); trust the
# ratio more than either time.
#
# Usage: benches/ab.sh OLD_BINARY NEW_BINARY SCENARIO [REPLICATIONS=20] [ROUNDS=7]
#   e.g. git stash; cargo build --release; cp target/release/salesim /tmp/old; git stash pop
#        cargo build --release; benches/ab.sh /tmp/old target/release/salesim scenarios/validation/mmc.ron
set -euo pipefail
if [ $# -lt 3 ]; then
    sed -n 's/^# \{0,1\}//p' "$0" | sed -n '2,8p' >&2
    exit 2
fi
A=$1 B=$2 S=$3 R=${4:-20} N=${5:-7}
cpu_ms() { # cpu_ms BINARY -> user+sys milliseconds of one run
    { /usr/bin/time -f "%U %S" "$1" run "$S" -r "$R" -j 1 -q --format json >/dev/null; } 2>&1 |
        awk '{printf "%.0f\n", ($1 + $2) * 1000}'
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ta="" tb=""
for _ in $(seq "$N"); do
    ta+="$(cpu_ms "$A")"$'\n'
    tb+="$(cpu_ms "$B")"$'\n'
done
ma=$(grep -v '^$' <<<"$ta" | median)
mb=$(grep -v '^$' <<<"$tb" | median)
awk -v a="$ma" -v b="$mb" -v n="$N" 'BEGIN {
    printf "old %d ms, new %d ms (medians of %d alternated runs): new/old = %.3f\n", a, b, n, b / a
}'
