#!/bin/sh
# Benchmarks of the full-screen app: render time per screen, first frame against a trivial
# program under the same pseudo-terminal, peak memory, binary size.
#
# Needs: the Rust toolchain; GNU time (Debian package `time`) for the second memory figure.
# Run from the repository root:  sh tests/tools/bench-tui.sh
set -eu

cargo build --release --quiet --bin weighup
cargo build --release --quiet --example tui_bench
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/weighup"
bench="$target/release/examples/tui_bench"

echo "== rendering each screen into a buffer (release build, 2000 frames each)"
"$bench" render

echo
echo "== first frame"
"$bench" first-frame "$bin"

echo
echo "== memory"
"$bench" memory "$bin"
if [ -x /usr/bin/time ]; then
    # The plain start-up and exit, measured by GNU time in a pseudo-terminal (script(1)).
    tmp=$(mktemp -d)
    out="$tmp/time.txt"
    WEIGHUP_DATA_DIR="$tmp" script -qec "/usr/bin/time -v -o $out $bin --help" /dev/null >/dev/null
    printf 'weighup --help, GNU time: '
    grep 'Maximum resident' "$out" | sed 's/^[[:space:]]*//'
    rm -rf "$tmp"
fi

echo
echo "== release binary"
size=$(stat -c %s "$bin")
echo "weighup: $size bytes ($(awk "BEGIN { printf \"%.2f\", $size / 1048576 }") MiB)"
