#!/bin/sh
# Load test of the workshop server (not part of `cargo test`): N participants (default 50) on
# 127.0.0.1 connect at once over SSH and each answer every question. Prints the sheets
# complete in the room, the server's peak memory, memory per participant and the key-to-redraw
# times (median, 99th percentile, worst).
#
# Needs: the Rust toolchain and Linux (/proc for memory). Run from the repository root:
#   sh tests/tools/bench-serve.sh [N]
set -eu
cargo build --release --quiet --bin weighup
cargo build --release --quiet --example serve_load
target="${CARGO_TARGET_DIR:-target}"
"$target/release/examples/serve_load" "$target/release/weighup" "${1:-50}"
