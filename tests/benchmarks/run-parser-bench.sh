#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Measures SseParser and the npm package eventsource-parser on the same corpora (one per shape of stream), in
# the same run, at two read sizes (64 KiB bulk reads; 128-byte reads, about one small event per read as LLM
# streams arrive), and prints both with their ratio and the memchr line-splitting ceiling. Then the whole
# process: `ssescope parse --count` against a Node script that reads the same file in reads of the same size,
# for the program as packaged and for a build without the window (SSESCOPE_GUI=OFF, which loads no GUI
# library at start). Builds the release preset and that headless build (build/release-headless); installs
# eventsource-parser into the build tree.
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
cmake --build --preset release --target bench_sseparser ssescope >/dev/null
headless="$root/build/release-headless"
cmake -S "$root" -B "$headless" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSSESCOPE_GUI=OFF -DSSESCOPE_BUILD_TESTS=OFF \
    >/dev/null
cmake --build "$headless" --target ssescope >/dev/null
mkdir -p "$work/node"
cp "$root/tests/benchmarks/node/package.json" "$root/tests/benchmarks/node/bench-eventsource-parser.mjs" \
    "$root/tests/benchmarks/node/parse-file.mjs" "$work/node/"
(cd "$work/node" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
peerVersion=$(node -p "require('$work/node/node_modules/eventsource-parser/package.json').version")

echo "SseParser vs eventsource-parser $peerVersion (node $(node --version)) on $(nproc) cores, best of $runs."
echo "'bytes in': the peer decodes each read inside its timing; 'strings in': reads decoded before timing."
echo "'memchr': a loop that only finds the line ends of the same reads; '% ceil': SseParser's rate as a share of it."
printf '%-9s %6s %7s | %8s %10s %7s %6s | %8s %10s %6s | %8s %6s\n' corpus read events "MB/s" "events/s" \
    "memchr" "% ceil" "peer MB/s" "peer ev/s" ratio "str MB/s" ratio
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
            printf "%-9s %6d %7d | %8.0f %10.0f %7.0f %5.0f%% | %9.0f %10.0f %5.1fx | %8.0f %5.1fx\n",
                $1, r, $3, $2 / 1e6 / $4, $3 / $4, $2 / 1e6 / $5, 100 * $5 / $4, $2 / 1e6 / pb, $3 / pb, pb / $4,
                $2 / 1e6 / ps, ps / $4
        }
    ' "$work/peer-$readSize.tsv" "$work/ssescope-$readSize.tsv"
done

# The whole process, as a user runs it: start, read the file, parse, print the count. Best of the runs, wall
# clock, the file in the page cache for both.
wholeCorpora=${WHOLE_CORPORA:-"small id event event-id multiline crlf cjk mixed 1mib"}
wallSeconds() {
    local best=
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >"$work/whole.out"
        end=$(date +%s%N)
        best=$(awk -v b="$best" -v t="$(((end - start) / 1000))" 'BEGIN { print (b == "" || t < b) ? t : b }')
    done
    echo "$best"
}
echo
echo "Whole process: ssescope parse --count --chunk-size N FILE against node parse-file.mjs FILE N, wall clock;"
echo "'headless': the same command from the build without the window."
printf '%-9s %6s %6s | %10s %6s | %10s %6s | %8s %6s | %6s %8s\n' corpus read MB "ssescope s" "MB/s" \
    "headless s" "MB/s" "peer s" "MB/s" ratio headless
for readSize in $readSizes; do
    for name in $wholeCorpora; do
        file="$work/corpora/$name.sse"
        bytes=$(stat -c %s "$file")
        counts=
        ours=$(wallSeconds "$build/ssescope" parse --count --chunk-size "$readSize" "$file")
        counts+="$(sed -n 's/.*"events":\([0-9]*\).*/\1/p' "$work/whole.out") "
        lean=$(wallSeconds "$headless/ssescope" parse --count --chunk-size "$readSize" "$file")
        counts+="$(sed -n 's/.*"events":\([0-9]*\).*/\1/p' "$work/whole.out") "
        peer=$(wallSeconds node "$work/node/parse-file.mjs" "$file" "$readSize")
        counts+="$(sed -n 's/.*"events":\([0-9]*\).*/\1/p' "$work/whole.out")"
        read -r a b c <<<"$counts"
        if [ "$a" != "$c" ] || [ "$b" != "$c" ]; then
            echo "run-parser-bench: $name: ssescope parse found $a and $b events, the peer $c" >&2
            exit 1
        fi
        awk -v n="$name" -v r="$readSize" -v b="$bytes" -v o="$ours" -v l="$lean" -v p="$peer" 'BEGIN {
            printf "%-9s %6d %6.1f | %10.3f %6.0f | %10.3f %6.0f | %8.3f %6.0f | %5.1fx %7.1fx\n",
                n, r, b / 1e6, o / 1e6, b / o, l / 1e6, b / l, p / 1e6, b / p, p / o, p / l }'
    done
done
