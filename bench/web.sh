#!/usr/bin/env bash
# Measures the web platform on SQLite: starts a release `recordwell serve --demo` in a temporary
# data directory, makes an API token, then runs the load generator (crates/web/examples/load.rs)
# twice: POST /api/v1/check with a 2,000-word record, and page loads by signed-in users.
# Prints requests/s and latency percentiles for each, and stops the server.
#
# Settings (environment): CHECK_USERS (default 12), PAGE_USERS (50), DURATION (seconds per
# scenario, 20), WARMUP (seconds before each, 3). The server logs at its default level (info),
# as it would in service; its log is thrown away with the temporary directory.
set -euo pipefail
cd "$(dirname "$0")/.."

check_users=${CHECK_USERS:-12}
page_users=${PAGE_USERS:-50}
seconds=${DURATION:-20}
warmup=${WARMUP:-3}

cargo build --release --locked -p recordwell -p recordwell-web --example load --bin recordwell
target=$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')
recordwell="$target/release/recordwell"
load="$target/release/examples/load"

data=$(mktemp -d -t recordwell-web-bench.XXXXXX)
out="$data/serve.out"
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

"$recordwell" serve --demo --listen 127.0.0.1:0 --data-dir "$data" >"$out" 2>"$data/serve.err" &
server=$!
url=""
for _ in $(seq 1 300); do
  url=$(sed -n 's/^Listening on \(http:[^ ]*\).*/\1/p' "$out" 2>/dev/null || true)
  [ -n "$url" ] && break
  if ! kill -0 "$server" 2>/dev/null; then
    echo "bench/web.sh: the server stopped:" >&2
    cat "$data/serve.err" >&2
    exit 1
  fi
  sleep 0.1
done
[ -n "$url" ] || { echo "bench/web.sh: the server did not start" >&2; exit 1; }

email=practitioner@demo.recordwell.test
password=$(sed -n "s/.*${email}.*password: *\([^ ]*\).*/\1/p" "$out")
[ -n "$password" ] || { echo "bench/web.sh: no practitioner password in the demo output" >&2; exit 1; }
token=$("$recordwell" admin --data-dir "$data" token create --name bench --as "$email" | tail -n 1)

echo
echo "Server $url (release build, SQLite in $data), $(nproc) cores"
echo
echo "== POST /api/v1/check, $check_users clients, ${seconds} s =="
"$load" --url "$url" --scenario check --users "$check_users" --duration "$seconds" --warmup "$warmup" \
  --token "$token" | tee "$data/check.txt"
echo
echo "== Page loads, $page_users signed-in users, ${seconds} s =="
"$load" --url "$url" --scenario pages --users "$page_users" --duration "$seconds" --warmup "$warmup" \
  --email "$email" --password "$password" | tee "$data/pages.txt"
echo
echo "== Page loads, $page_users signed-in users reading each page for 1 s, ${seconds} s =="
"$load" --url "$url" --scenario pages --users "$page_users" --duration "$seconds" --warmup "$warmup" \
  --email "$email" --password "$password" --think-ms 1000 | tee "$data/pages-reading.txt"

echo
echo "Summary (targets: check at least 1,000 requests/s; page loads p95 under 50 ms):"
awk '/^RESULT/ {
  for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  if (v["scenario"] == "check")
    printf "  POST /api/v1/check (2,000 words, %s clients): %s requests/s, p95 %s ms, %s errors\n", v["users"], v["rate"], v["p95_ms"], v["errors"]
  else
    printf "  page loads (%s signed-in users%s): p95 %s ms, %s pages/s, %s errors\n", v["users"], (FILENAME ~ /reading/ ? ", reading 1 s per page" : ", no pause"), v["p95_ms"], v["rate"], v["errors"]
}' "$data/check.txt" "$data/pages.txt" "$data/pages-reading.txt"
