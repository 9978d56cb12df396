#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SseClient beside Node's eventsource package and curl -N (raw bytes, no parsing), all against the same
# `ssescope serve` in the same run: events/s from a flooding stream, and dispatch latency at ~1,000 events/s.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build="$root/build/release"
work="$build/client-bench"
flood=${FLOOD_EVENTS:-2000000}
paced=${PACED_EVENTS:-3000}

if ! command -v node >/dev/null || ! command -v npm >/dev/null || ! command -v curl >/dev/null; then
    echo "run-client-bench: node, npm and curl are needed (apt-get install nodejs npm curl)" >&2
    exit 2
fi
cmake --preset release >/dev/null
cmake --build --preset release --target ssescope bench_sseclient >/dev/null
mkdir -p "$work/node"
cp "$root/tests/benchmarks/node/package.json" "$root/tests/benchmarks/node/bench-eventsource-client.mjs" "$work/node/"
(cd "$work/node" && npm install --no-audit --no-fund --loglevel=error >/dev/null)

"$build/ssescope" serve --port 0 >"$work/serve.log" 2>&1 &
serve=$!
trap 'kill $serve 2>/dev/null || true' EXIT
for _ in $(seq 50); do
    base=$(sed -n 's|.*listening on \(http://[^ ]*\)/$|\1|p' "$work/serve.log")
    [ -n "$base" ] && break
    sleep 0.1
done
[ -n "$base" ] || { echo "run-client-bench: ssescope serve did not start" >&2; cat "$work/serve.log" >&2; exit 1; }

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }
ours=$("$build/tests/benchmarks/bench_sseclient" "$base")
node=$(node "$work/node/bench-eventsource-client.mjs" "$base" "$flood" "$paced")
curlOut=$(curl -sN -o /dev/null -w '%{size_download} %{time_starttransfer} %{time_total}' \
    "$base/ticker?interval=0&framing=close&count=$flood")
read -r curlBytes curlStart curlTotal <<<"$curlOut"

echo "Clients against one ssescope serve on $(nproc) cores: $flood flooded events, then $paced events at ~1,000/s"
printf '%-28s %14s %10s %12s %12s\n' client "events/s" "MB/s" "p50 latency" "p99 latency"
printf '%-28s %14.0f %10.1f %9s us %9s us\n' "SSE Scope SseClient" "$(echo "$ours" | grep throughput | field events_per_s)" \
    "$(echo "$ours" | grep throughput | field mb_per_s)" "$(echo "$ours" | grep latency | field p50_us)" \
    "$(echo "$ours" | grep latency | field p99_us)"
printf '%-28s %14.0f %10s %9s us %9s us\n' "node eventsource $(node -p "require('$work/node/node_modules/eventsource/package.json').version")" \
    "$(echo "$node" | grep throughput | field events_per_s)" "-" "$(echo "$node" | grep latency | field p50_us)" \
    "$(echo "$node" | grep latency | field p99_us)"
awk -v b="$curlBytes" -v s="$curlStart" -v t="$curlTotal" 'BEGIN {
    printf "%-28s %14s %10.1f %12s %12s\n", "curl -N (bytes, no parsing)", "-", b / (t - s) / 1e6, "-", "-" }'
