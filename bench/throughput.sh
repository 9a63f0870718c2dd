#!/usr/bin/env bash
# Builds the checking engine in release mode and prints its throughput (MB/s on one thread and on
# all cores, over a ~1 MiB generated corpus) and the median latency of a 2,000-word record of each
# type. Extra arguments go to the example: --bytes N, --seconds S.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked -p recordwell-check --example throughput
exec cargo run --release --locked --quiet -p recordwell-check --example throughput -- "$@"
