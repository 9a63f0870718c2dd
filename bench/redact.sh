#!/usr/bin/env bash
# Benchmarks recordwell_redact::redact with criterion over ~1 MB of generated fictional records
# (single thread) and prints its throughput in MB/s. Extra arguments go to criterion.
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo bench --locked -p recordwell-redact --bench redact -- "$@" | tee "$log"
echo
echo "redact() throughput, single-threaded (criterion median):"
# Criterion prints e.g. "thrpt:  [1.2345 GiB/s 1.2500 GiB/s 1.2600 GiB/s]"; convert the middle figure to MB/s.
awk '
  /^redact_1mb\// { name = $1 }
  /thrpt:/ {
    v = $(NF-3); u = $(NF-2)
    f = (u ~ /^GiB/) ? 1073.741824 : (u ~ /^MiB/) ? 1.048576 : (u ~ /^KiB/) ? 0.001024 : 0.000001
    printf "  %-28s %10.1f MB/s\n", name, v * f
  }' "$log"
