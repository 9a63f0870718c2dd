#!/usr/bin/env bash
# Benchmarks recordwell_redact::redact with criterion, single-threaded, over two corpora and prints
# each throughput in MB/s:
#   redact_1mb        ~1 MB of the generated evaluation records (dense with identifiers, ~20/KB);
#   redact_realistic  the checker's realistic corpus (gen_corpus: ~1 MiB, every record type, seed 42).
# Extra arguments go to criterion (e.g. --save-baseline before, --baseline before).
set -euo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
corpus=$(mktemp)
trap 'rm -f "$log" "$corpus"' EXIT
cargo run --release --locked --quiet -p recordwell-check --example gen_corpus -- --out "$corpus"
REDACT_REALISTIC_CORPUS="$corpus" cargo bench --locked -p recordwell-redact --bench redact -- "$@" | tee "$log"
echo
echo "redact() throughput, single-threaded (criterion median):"
# Criterion prints e.g. "thrpt:  [1.2345 GiB/s 1.2500 GiB/s 1.2600 GiB/s]"; convert the middle
# figure to MB/s. With --baseline it also prints "thrpt:  [-1.2% +0.4% +2.0%]" change lines,
# which carry no unit and are left out.
awk '
  /^redact_(1mb|realistic)\// { name = $1 }
  /thrpt:/ && $(NF-2) ~ /^[KMG]?i?B\/s$/ {
    v = $(NF-3); u = $(NF-2)
    f = (u ~ /^GiB/) ? 1073.741824 : (u ~ /^MiB/) ? 1.048576 : (u ~ /^KiB/) ? 0.001024 : 0.000001
    printf "  %-34s %10.1f MB/s\n", name, v * f
  }' "$log"
