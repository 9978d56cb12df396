#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds the Debian package from the release preset, installs it with apt as a user would, uses the installed
# program (--version, serve and watch against it, the window offscreen on a recording, the file types and the
# desktop entry), then removes it and checks that nothing it installed is left. Run as root on Debian 12, or in
# the Debian 13 root: scripts/debian13-root.sh scripts/package-check.sh build/debian13-release
#
#   scripts/package-check.sh [BUILD_DIR]     (default build/release)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
build=${1:-build/release}
appId=org.ssescope.SseScope
export DEBIAN_FRONTEND=noninteractive

fail() {
    echo "package-check: $*" >&2
    exit 1
}
step() { echo "-- $*"; }

step "building the release preset in $build"
cmake --preset release -B "$build" -DSSESCOPE_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build "$build"
rm -f "$build"/ssescope_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls "$PWD/$build"/ssescope_*.deb)
step "package $(basename "$deb"): $(dpkg-deb -f "$deb" Depends)"

# What the package must hold.
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
for path in ./usr/bin/ssescope ./usr/share/applications/$appId.desktop ./usr/share/metainfo/$appId.metainfo.xml \
    ./usr/share/mime/packages/$appId.xml ./usr/share/icons/hicolor/scalable/apps/$appId.svg \
    ./usr/share/icons/hicolor/256x256/apps/$appId.png ./usr/share/man/man1/ssescope.1.gz \
    ./usr/share/bash-completion/completions/ssescope ./usr/share/doc/ssescope/copyright \
    ./usr/share/doc/ssescope/session-format.md; do
    grep -qxF "$path" <<<"$contents" || fail "the package lacks $path"
done
dpkg-deb -f "$deb" Depends | grep -q 'libqt6core6' || fail "no Qt dependency was computed by shlibdeps"

dpkg-query -W ssescope >/dev/null 2>&1 && apt-get remove -y -qq ssescope >/dev/null
step "apt-get install $(basename "$deb")"
apt-get install -y -qq "$deb" >/dev/null
installed=$(dpkg-query -L ssescope)

version=$(grep -m1 -oP '^\s+VERSION \K[0-9.]+' CMakeLists.txt)
[ "$(/usr/bin/ssescope --version)" = "ssescope $version" ] || fail "ssescope --version says '$(/usr/bin/ssescope --version)'"
step "ssescope --version: $(/usr/bin/ssescope --version)"
man -w ssescope >/dev/null || fail "man cannot find ssescope(1)"
desktop-file-validate /usr/share/applications/$appId.desktop
appstreamcli validate --no-net --pedantic /usr/share/metainfo/$appId.metainfo.xml >/dev/null \
    || appstreamcli validate --no-net /usr/share/metainfo/$appId.metainfo.xml
bash -c 'source /usr/share/bash-completion/completions/ssescope && complete -p ssescope' >/dev/null \
    || fail "the bash completion does not register for ssescope"

work=$(mktemp -d)
servePid=
cleanup() {
    [ -n "$servePid" ] && kill "$servePid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

step "ssescope serve, and ssescope watch against it"
ssescope serve --port 0 >"$work/serve.out" 2>"$work/serve.err" &
servePid=$!
for _ in $(seq 100); do
    url=$(sed -n 's/.*listening on \(http[^ ]*\).*/\1/p' "$work/serve.out")
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || fail "ssescope serve did not say where it listens: $(cat "$work/serve.err")"
timeout 60 ssescope watch "${url%/}/ticker" --max-events 3 --format ndjson >"$work/watch.out" \
    || fail "ssescope watch failed (exit $?)"
[ "$(grep -c '"type"' "$work/watch.out")" -ge 3 ] || fail "watch printed $(cat "$work/watch.out")"
timeout 60 ssescope record "${url%/}/ticker" --max-events 5 -o "$work/ticker.sserec" >/dev/null \
    || fail "ssescope record failed"
kill "$servePid"
wait "$servePid" 2>/dev/null || true
servePid=

step "the file types and the desktop entry"
[ "$(xdg-mime query filetype "$work/ticker.sserec")" = application/x-sserec ] \
    || fail "a recording is of type '$(xdg-mime query filetype "$work/ticker.sserec")'"
cp resources/samples/openai-chat.sse "$work/capture.sse"
[ "$(xdg-mime query filetype "$work/capture.sse")" = text/event-stream ] \
    || fail "a capture is of type '$(xdg-mime query filetype "$work/capture.sse")'"
[ "$(xdg-mime query default application/x-sserec)" = "$appId.desktop" ] \
    || fail "the default for recordings is '$(xdg-mime query default application/x-sserec)'"

step "the window, offscreen, on the recording"
# It runs until closed: alive after 5 s (timeout's 124) with nothing on standard error is a pass; the offscreen
# platform's own note that it cannot size windows by hints is no fault of the program.
status=0
mkdir -m 700 "$work/run"
HOME=$work XDG_CONFIG_HOME=$work/config XDG_RUNTIME_DIR=$work/run QT_QPA_PLATFORM=offscreen \
    timeout 5 ssescope "$work/ticker.sserec" >"$work/window.out" 2>"$work/window.err" || status=$?
[ "$status" -eq 124 ] || fail "the window ended with $status: $(cat "$work/window.err")"
grep -v -e '^$' -e '^This plugin does not support propagateSizeHints()$' "$work/window.err" \
    && fail "the window wrote to standard error"

step "apt-get remove"
apt-get remove -y -qq ssescope >/dev/null
left=()
while read -r path; do
    [ -f "$path" ] || [ -L "$path" ] && left+=("$path")
done <<<"$installed"
[ ${#left[@]} -eq 0 ] || fail "left behind after removal: ${left[*]}"
dpkg-query -W -f='${db:Status-Status}' ssescope 2>/dev/null | grep -qx installed && fail "still installed"
[ -e /usr/bin/ssescope ] && fail "/usr/bin/ssescope is still there"
echo "package-check: $(basename "$deb") installs, works and removes cleanly"
