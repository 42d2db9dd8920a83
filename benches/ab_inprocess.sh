#!/usr/bin/env bash
# In-process A/B timing of the working tree against an older revision: both versions of the
# library are linked into one program, which alternates blocks of replications of each (the
# order swaps every round) and prints the median time per replication of each and the median
# and quartiles of the per-round ratios new/old.
#
# Usage: benches/ab_inprocess.sh OLD_REV [SCENARIO=scenarios/specialized.ron] [ROUNDS=200] [BLOCK=10]
#   e.g. benches/ab_inprocess.sh main scenarios/generalist.ron 100 3
#
# Why: these shared hosts change speed by ±20% within minutes, so two binaries timed one after
# the other (benches/ab.sh) differ by a few percent between runs of the same pair. Blocks of
# about 10 ms, alternated, see the same host; the median of 200 ratios moves by about ±0.3%.
# Both versions are built with the release profile of this repository (fat LTO, one codegen
# unit) and run replications 0..BLOCK of seed 1 on the same scenario.
set -euo pipefail
if [ $# -lt 1 ]; then
    sed -n 's/^# \{0,1\}//p' "$0" | sed -n '5,6p' >&2
    exit 2
fi
OLD=$1 SCENARIO=${2:-scenarios/specialized.ron} ROUNDS=${3:-200} BLOCK=${4:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCENARIO=$(cd "$(dirname "$SCENARIO")" && pwd)/$(basename "$SCENARIO")
WORK=$(mktemp -d)
cleanup() {
    git -C "$ROOT" worktree remove --force "$WORK/old" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

git -C "$ROOT" worktree add --detach --quiet "$WORK/old" "$OLD"
# Two packages of one name need two versions to share a lockfile.
sed -i '0,/^version = .*/s//version = "0.0.0-old"/' "$WORK/old/Cargo.toml"

mkdir -p "$WORK/ab/src"
cat >"$WORK/ab/Cargo.toml" <<EOF
[package]
name = "ab-inprocess"
version = "0.1.0"
edition = "2024"

[dependencies]
old = { package = "salesim", path = "$WORK/old" }
new = { package = "salesim", path = "$ROOT" }

[profile.release]
lto = "fat"
codegen-units = 1
EOF
cat >"$WORK/ab/src/main.rs" <<'EOF'
use std::hint::black_box;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = std::path::Path::new(&args[1]);
    let rounds: usize = args[2].parse().expect("ROUNDS");
    let block: u32 = args[3].parse().expect("BLOCK");
    let (_, old_config) = old::scenario::load_config(path).expect("old version loads it");
    let (_, new_config) = new::scenario::load_config(path).expect("new version loads it");
    let old_events = old::model::run_replication(&old_config, 1, 0).events;
    let new_events = new::model::run_replication(&new_config, 1, 0).events;
    if old_events != new_events {
        println!("note: replication 0 has {old_events} events (old) and {new_events} (new)");
    }
    let time = |new: bool| {
        let start = Instant::now();
        for i in 0..block {
            if new {
                black_box(new::model::run_replication(black_box(&new_config), 1, i));
            } else {
                black_box(old::model::run_replication(black_box(&old_config), 1, i));
            }
        }
        start.elapsed().as_secs_f64() / f64::from(block)
    };
    let (mut olds, mut news, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..rounds {
        let (o, n) = if round % 2 == 0 {
            let o = time(false);
            (o, time(true))
        } else {
            let n = time(true);
            (time(false), n)
        };
        olds.push(o);
        news.push(n);
        ratios.push(n / o);
    }
    let quartiles = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 4], v[v.len() / 2], v[3 * v.len() / 4])
    };
    let (o, n, r) = (quartiles(&mut olds), quartiles(&mut news), quartiles(&mut ratios));
    println!(
        "old {:.4} ms, new {:.4} ms per replication (medians); new/old {:.4} [quartiles {:.4}, {:.4}]; {rounds} rounds of {block}",
        o.1 * 1e3,
        n.1 * 1e3,
        r.1,
        r.0,
        r.2
    );
}
EOF
echo "building old ($OLD) and new (working tree) into one program…" >&2
cargo build --release --quiet --manifest-path "$WORK/ab/Cargo.toml" --target-dir "$WORK/target"
"$WORK/target/release/ab-inprocess" "$SCENARIO" "$ROUNDS" "$BLOCK"
