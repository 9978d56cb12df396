#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Measures SseParser and the npm package eventsource-parser on the same corpora, in the same run, at two
# read sizes (64 KiB bulk reads; 128-byte reads, about one small event per read as LLM streams arrive), and
# prints both with their ratio. Builds the release preset; installs eventsource-parser into the build tree.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build="$root/build/release"
work="$build/parser-bench"
runs=${RUNS:-7}
readSizes=${READ_SIZES:-"65536 128"}

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "run-parser-bench: node and npm are needed for the comparison (apt-get install nodejs npm)" >&2
    exit 2
fi
cmake --preset release >/dev/null
cmake --build --preset release --target bench_sseparser >/dev/null
mkdir -p "$work/node"
cp "$root/tests/benchmarks/node/package.json" "$root/tests/benchmarks/node/bench-eventsource-parser.mjs" "$work/node/"
(cd "$work/node" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
peerVersion=$(node -p "require('$work/node/node_modules/eventsource-parser/package.json').version")

echo "SseParser vs eventsource-parser $peerVersion (node $(node --version)) on $(nproc) cores, best of $runs."
echo "'bytes in': the peer decodes each read inside its timing; 'strings in': reads decoded before timing."
printf '%-6s %6s %7s | %8s %10s | %8s %10s %6s | %8s %6s\n' corpus read events "MB/s" "events/s" \
    "peer MB/s" "peer ev/s" ratio "str MB/s" ratio
for readSize in $readSizes; do
    "$build/tests/benchmarks/bench_sseparser" --tsv --read-size "$readSize" --write-corpora "$work/corpora" \
        >"$work/ssescope-$readSize.tsv"
    node "$work/node/bench-eventsource-parser.mjs" "$work/corpora" "$runs" "$readSize" \
        >"$work/peer-$readSize.tsv"
    # Rows in the order SseParser printed them; any corpus where the event counts differ fails the run.
    awk -F '\t' -v r="$readSize" '
        NR == FNR { peerEvents[$1] = $3; peerBytesIn[$1] = $4; peerStringsIn[$1] = $5; next }
        !($1 in peerEvents) { next }
        $3 != peerEvents[$1] {
            printf "run-parser-bench: %s: SseParser found %d events, eventsource-parser %d\n", $1, $3, peerEvents[$1] > "/dev/stderr"
            exit 1
        }
        {
            pb = peerBytesIn[$1]; ps = peerStringsIn[$1]
            printf "%-6s %6d %7d | %8.0f %10.0f | %9.0f %10.0f %5.1fx | %8.0f %5.1fx\n",
                $1, r, $3, $2 / 1e6 / $4, $3 / $4, $2 / 1e6 / pb, $3 / pb, pb / $4, $2 / 1e6 / ps, ps / $4
        }
    ' "$work/peer-$readSize.tsv" "$work/ssescope-$readSize.tsv"
done
