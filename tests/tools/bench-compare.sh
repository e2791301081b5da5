#!/bin/sh
# Benchmark of `weighup compare`: wall time over 1,000 and 10,000 generated answer sheets, and
# peak memory (RSS) for each, to show that memory does not grow with the number of sheets.
#
# Needs the Debian packages `hyperfine` and `time` (GNU time, for /usr/bin/time -v):
#   apt-get update && apt-get install -y hyperfine time
# Run from the repository root:  sh tests/tools/bench-compare.sh
# The sheets are written by the workshop_room example (the real library, Sheet::new +
# set_answer), in a temporary folder that is removed afterwards.
set -eu

target=${CARGO_TARGET_DIR:-target}
cargo build --quiet --release --bin weighup --example workshop_room
bin="$target/release/weighup"
gen="$target/release/examples/workshop_room"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

for n in 1000 10000; do
    "$gen" random "$work/room$n" "$n" 11
done
echo "sheet files: $(du -sh "$work/room10000" | cut -f1) for 10,000"

for n in 1000 10000; do
    /usr/bin/time -v "$bin" compare "$work/room$n" --format text >/dev/null 2>"$work/time$n"
    rss=$(grep 'Maximum resident set size' "$work/time$n" | awk '{print $NF}')
    wall=$(grep 'Elapsed (wall clock)' "$work/time$n" | awk '{print $NF}')
    user=$(grep 'User time' "$work/time$n" | awk '{print $NF}')
    echo "$n sheets: peak RSS ${rss} KB, wall ${wall}, user ${user} s"
done

hyperfine --warmup 1 --runs "${RUNS:-10}" \
    "$bin compare $work/room1000 --format text" \
    "$bin compare $work/room10000 --format text"
