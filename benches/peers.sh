#!/usr/bin/env bash
# Side-by-side throughput on the same M/M/10 model (λ = 9/h, μ = 1/h, c = 10, FIFO):
#   salesim  scenarios/validation/mmc.ron through the full sales model (benches/mmc_events.rs),
#            every arrival an event (`--touches per-event`), as in the peers
#   salesim_lazy  the same in salesim's default mode, where an arrival that finds every rep
#            busy is booked without an event (same count, fewer queue operations)
#   mmc_rust ../shared/peers/mmc_rust, hand-written loop, std BinaryHeap (`heap`) and `array`
#   simpy    ../shared/peers/mmc_simpy.py, SimPy 4
# Every engine counts an event as one arrival or one service completion handled before the
# horizon (salesim adds one shift start in a 24/7 calendar). salesim and mmc_rust simulate the
# same horizon (WEEKS weeks = WEEKS*168*9 customers); SimPy, ~400x slower, simulates fewer
# customers (SIMPY_CUSTOMERS): events/s is a rate, so the horizon only sets the run's length.
# Each engine times its simulation loop only. The engines run in turn, REPS rounds, and the
# script prints each median and the ratios of the medians.
#
# Usage: benches/peers.sh            (REPS=5 WEEKS=1000 SIMPY_CUSTOMERS=200000 by default)
#        PEERS=/path/to/peers REPS=7 benches/peers.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PEERS="${PEERS:-$ROOT/../shared/peers}"
REPS="${REPS:-5}"
WEEKS="${WEEKS:-1000}"
SIMPY_CUSTOMERS="${SIMPY_CUSTOMERS:-200000}"
CUSTOMERS=$((WEEKS * 168 * 9))
PEER_TARGET="$ROOT/target/peers"

echo "== building (salesim bench profile, mmc_rust release)" >&2
(cd "$ROOT" && cargo bench --bench mmc_events --no-run >&2)
(cd "$PEERS/mmc_rust" && CARGO_TARGET_DIR="$PEER_TARGET" cargo build --release >&2)
MMC_RUST="$PEER_TARGET/release/mmc_rust"
if ! python3 -c 'import simpy' 2>/dev/null; then
    echo "== pip install simpy" >&2
    python3 -m pip install --quiet simpy >&2
fi

field() { # field NAME LINE -> value of NAME=... in LINE
    sed -n "s/.*[[:space:]]$1=\([^[:space:]]*\).*/\1/p" <<<" $2"
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

declare -A RATES
for rep in $(seq 1 "$REPS"); do
    line=$(cd "$ROOT" && cargo bench -q --bench mmc_events -- "$WEEKS" 1 2>/dev/null | tail -1)
    RATES[salesim]+=" $(field events_per_s "$line")"
    echo "round $rep salesim : events=$(field events "$line") $(field events_per_s "$line") ev/s" >&2
    line=$(cd "$ROOT" && cargo bench -q --bench mmc_events -- "$WEEKS" 1 lazy 2>/dev/null | tail -1)
    RATES[salesim_lazy]+=" $(field events_per_s "$line")"
    echo "round $rep salesim_lazy: events=$(field events "$line") $(field events_per_s "$line") ev/s" >&2
    for variant in heap array; do
        line=$("$MMC_RUST" "$variant" "$CUSTOMERS")
        RATES[mmc_$variant]+=" $(field events_per_s "$line")"
        echo "round $rep mmc_$variant: events=$(field events "$line") $(field events_per_s "$line") ev/s" >&2
    done
    line=$(python3 "$PEERS/mmc_simpy.py" simpy "$SIMPY_CUSTOMERS")
    RATES[simpy]+=" $(field model_events_per_s "$line")"
    echo "round $rep simpy   : events=$(field model_events "$line") $(field model_events_per_s "$line") ev/s" >&2
done

echo "M/M/10, $REPS rounds, medians of events per second (machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
for k in salesim salesim_lazy mmc_heap mmc_array simpy; do
    RATES[$k]=$(median <<<"${RATES[$k]}")
    printf '  %-12s %14.0f events/s\n' "$k" "${RATES[$k]}"
done
awk -v s="${RATES[salesim]}" -v l="${RATES[salesim_lazy]}" -v h="${RATES[mmc_heap]}" -v a="${RATES[mmc_array]}" -v p="${RATES[simpy]}" 'BEGIN {
    printf "  salesim / mmc_rust heap  = %.3f   (target >= 0.5)\n", s / h
    printf "  salesim / mmc_rust array = %.3f\n", s / a
    printf "  salesim / simpy          = %.1f   (target >= 100)\n", s / p
    printf "  salesim_lazy / mmc_rust heap = %.3f, / simpy = %.1f (default mode)\n", l / h, l / p
}'
