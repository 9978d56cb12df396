#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Builds and tests SSE Scope on Debian 13 (Qt 6.8) from a Debian 12 machine, in a Debian 13 root made with
# debootstrap from the Debian mirror this machine's apt uses. Run as root.
#
#   scripts/debian13-root.sh                 the test suite: warnings as errors, every label (interop too)
#   scripts/debian13-root.sh COMMAND [ARG..] COMMAND in the source tree inside the root (e.g. bash)
#   scripts/debian13-root.sh --tools         only install what making a root needs on this machine (apt)
#   scripts/debian13-root.sh --prepare       only make the root, or check that it is current
#
# Runs that share a root take turns (a lock beside it), so --prepare can run in the background while this
# machine builds, and a later run waits for it.
#
# The root is kept in $SSESCOPE_DEBIAN13_ROOT (default /var/cache/ssescope/debian13-root) and reused while the
# packages scripts/install-deps.sh names stay the same; a changed list makes it anew. The source tree is
# mounted at /src inside it, with /proc, /sys, /dev and /dev/shm, in a mount namespace of its own, so nothing
# stays mounted when the script ends. Builds go to build/debian13-* in the source tree.
set -euo pipefail

source=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
root=${SSESCOPE_DEBIAN13_ROOT:-/var/cache/ssescope/debian13-root}
suite=trixie

if [ "$(id -u)" -ne 0 ]; then
    echo "debian13-root: run as root (debootstrap, mount and chroot need it)" >&2
    exit 1
fi

# The mounts below live in a private mount namespace: they go when this process does, even on a crash.
if [ -z "${SSESCOPE_IN_NAMESPACE:-}" ]; then
    export SSESCOPE_IN_NAMESPACE=1
    exec unshare --mount --propagation private "$0" "$@"
fi

hostMirror() {
    # The first Debian archive (not its security archive) named in the host's apt sources.
    local uri
    uri=$(grep -hsE '^\s*URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -v security | head -n 1)
    [ -n "$uri" ] || uri=$(grep -hsE '^\s*deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
        | awk '{for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) {print $i; exit}}' | grep -v security | head -n 1)
    echo "${uri:-http://deb.debian.org/debian}"
}

ensureTools() {
    local missing=()
    command -v debootstrap >/dev/null || missing+=(debootstrap)
    command -v unshare >/dev/null || missing+=(util-linux)
    [ -e /usr/share/keyrings/debian-archive-keyring.gpg ] || missing+=(debian-archive-keyring)
    if [ ${#missing[@]} -gt 0 ]; then
        echo "debian13-root: installing ${missing[*]}"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

mountAll() {
    mount -t proc proc "$root/proc"
    mount -t sysfs sysfs "$root/sys"
    mount --rbind /dev "$root/dev"
    mount -t tmpfs -o mode=1777 tmpfs "$root/dev/shm"
    mkdir -p "$root/src"
    mount --bind "$source" "$root/src"
    cp -L /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
}

inRoot() {
    # A clean environment: nothing of the host's PATH or toolchains leaks in.
    # The lock stays with this script: a server a test leaves running must not hold it.
    chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 TERM="${TERM:-dumb}" CI="${CI:-}" DEBIAN_FRONTEND=noninteractive \
        bash -c 'cd /src && "$@"' bash "$@" 9>&-
}

ensureTools
if [ "${1:-}" = --tools ]; then
    exit 0
fi
mkdir -p "$(dirname "$root")"
exec 9>"$root.lock"
# An hour is more than making a root takes; a run still holding the lock after that has hung.
flock -w 3600 9 || { echo "debian13-root: $root is still locked after an hour by another run" >&2; exit 1; }
mirror=$(hostMirror)
# The root is made anew when the packages it must hold change (or the suite or mirror does).
stamp=$( { echo "$suite $mirror"; "$source/scripts/install-deps.sh" --list; } | sha256sum | cut -d' ' -f1)

if [ ! -f "$root/.ssescope-stamp" ] || [ "$(cat "$root/.ssescope-stamp")" != "$stamp" ]; then
    echo "== making a Debian 13 ($suite) root in $root from $mirror"
    rm -rf --one-file-system "$root" "$root.new"
    mkdir -p "$(dirname "$root")"
    debootstrap --variant=minbase "$suite" "$root.new" "$mirror" >"$root.log" 2>&1 \
        || { tail -n 30 "$root.log" >&2; echo "debian13-root: debootstrap failed (log: $root.log)" >&2; exit 1; }
    # Packages must not start services in the root: they would run on this machine's network.
    printf '#!/bin/sh\nexit 101\n' >"$root.new/usr/sbin/policy-rc.d"
    chmod +x "$root.new/usr/sbin/policy-rc.d"
    mv "$root.new" "$root"
    mountAll
    echo "== installing the build and test packages in the root (log: $root.log)"
    inRoot scripts/install-deps.sh >>"$root.log" 2>&1 \
        || { tail -n 40 "$root.log" >&2; echo "debian13-root: installing packages failed" >&2; exit 1; }
    echo "$stamp" >"$root/.ssescope-stamp"
else
    echo "== reusing the Debian 13 root in $root"
    mountAll
fi

if [ "${1:-}" = --prepare ]; then
    exit 0
fi
if [ $# -gt 0 ]; then
    inRoot "$@"
    exit
fi

echo "== Debian 13: $(inRoot sh -c '. /etc/os-release; echo "$PRETTY_NAME"'), Qt $(inRoot sh -c \
    "dpkg-query -W -f='\${Version}' qt6-base-dev")"
inRoot cmake --preset ci -B build/debian13-ci
inRoot cmake --build build/debian13-ci
inRoot ctest --test-dir build/debian13-ci --output-on-failure --no-tests=error --timeout 600
