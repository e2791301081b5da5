#!/bin/sh
# Benchmarks `weighup report` on a complete answer sheet and the time until the plain mode's
# first question is on screen, against a trivial program (`true`) in the same run.
#
# Needs: hyperfine (Debian: `apt-get install hyperfine`) and a Rust toolchain.
# Usage: tests/tools/bench-report.sh [RESULTS.md]
# Targets (issue 3): report under 10 ms wall-clock; plain-mode prompt under 10 ms.
set -eu

cd "$(dirname "$0")/../.."
out="${1:-}"
command -v hyperfine >/dev/null || { echo "bench-report: install hyperfine (apt-get install hyperfine)" >&2; exit 1; }

cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-target}/release/weighup"
sheet=tests/fixtures/sheets/complete.json
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The plain mode prints the welcome and the first question, then finds its input empty
# (hyperfine gives commands an empty standard input) and stops with exit 2, nothing saved:
# its whole run is the time until the first prompt.
export WEIGHUP_DATA_DIR="$scratch"
hyperfine -N --warmup 20 --runs 300 -i \
    ${out:+--export-markdown "$out"} \
    --command-name 'true (a trivial program)' 'true' \
    --command-name 'report, text' "$bin report $sheet" \
    --command-name 'report, markdown' "$bin report $sheet --format md" \
    --command-name 'report, json' "$bin report $sheet --format json" \
    --command-name 'report, html' "$bin report $sheet --format html" \
    --command-name 'plain mode, first question' \
        "$bin --plain --out $scratch/sheet.json"
