#!/usr/bin/env bash
# Evaluates the redactor on a generated, labelled set of fictional records: recall per kind,
# overall recall on direct identifiers, over-redaction of ordinary words, sample misses and
# single-threaded throughput. Arguments go to the example: --records N (default 500), --seed S.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked -p recordwell-redact --example evaluate
exec cargo run --release --locked --quiet -p recordwell-redact --example evaluate -- "$@"
