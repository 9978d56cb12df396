#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Reading recordings: writes a session file of SIZE_MIB (256 unless set) as bench_recordingload writes them
# (ticker-like events, a few per read, one read in 16 base64), then times, in the same run and on the same
# file in the page cache, `jq -c .` (the peer: a fast reader of the same JSON lines), `ssescope export` to
# NDJSON and to HAR, `ssescope diff` of the file against itself, and opening it in a stream tab (offscreen,
# through bench_recordingload). Best of RUNS (3) wall-clock runs; the maximum resident set of the last one.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
build="$root/build/release"
work="$build/recording-bench"
runs=${RUNS:-3}
sizeMib=${SIZE_MIB:-256}

if ! command -v jq >/dev/null; then
    echo "run-recording-bench: jq is needed for the comparison (apt-get install jq)" >&2
    exit 2
fi
cmake --preset release >/dev/null
cmake --build --preset release --target ssescope bench_recordingload >/dev/null
mkdir -p "$work"
file="$work/bench.sserec"
"$build/tests/benchmarks/bench_recordingload" --size "$sizeMib" --write-only "$file"
bytes=$(stat -c %s "$file")

# Best wall-clock seconds of the runs, and the peak resident MiB of the last one: "SECONDS MIB".
measure() {
    local best= rss=
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        /usr/bin/time -f '%M' -o "$work/time.txt" "$@" >/dev/null
        end=$(date +%s%N)
        best=$(awk -v b="$best" -v t="$(((end - start) / 1000))" 'BEGIN { print (b == "" || t < b) ? t : b }')
        rss=$(cat "$work/time.txt")
    done
    awk -v t="$best" -v r="$rss" 'BEGIN { printf "%.3f %.0f\n", t / 1e6, r / 1024 }'
}

read -r jqSeconds jqRss < <(measure jq -c . "$file")
echo "jq $(jq --version), $(nproc) cores, best of $runs; the file is $(awk -v b="$bytes" 'BEGIN { printf "%.0f", b / 1e6 }') MB."
printf '%-34s %8s %8s %9s %8s\n' reader seconds "MB/s" "vs jq" "max MiB"
row() {
    awk -v n="$1" -v s="$2" -v r="$3" -v b="$bytes" -v j="$jqSeconds" \
        'BEGIN { printf "%-34s %8.2f %8.0f %8.1fx %8s\n", n, s, b / 1e6 / s, j / s, r }'
}
row "jq -c ." "$jqSeconds" "$jqRss"
read -r s r < <(measure "$build/ssescope" export "$file" --format ndjson)
row "ssescope export --format ndjson" "$s" "$r"
read -r s r < <(measure "$build/ssescope" export "$file" --format har)
row "ssescope export --format har" "$s" "$r"
# diff exits 1 when the files differ; a file against itself must give 0.
read -r s r < <(measure "$build/ssescope" diff "$file" "$file")
row "ssescope diff FILE FILE" "$s" "$r"
# Opening in a tab: bench_recordingload writes its own file of the same size and opens it.
load=$("$build/tests/benchmarks/bench_recordingload" --size "$sizeMib" 2>/dev/null | sed -n 's/^load: .* in \([0-9.]*\) s: .*/\1/p')
if [ -n "$load" ]; then
    row "open in a tab (bench_recordingload)" "$load" -
fi
rm -f "$file"
