#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what SSE Scope needs to build, test and package on Debian 12 or 13 (or a later Debian/Ubuntu), and
# nothing that is already there, including the servers of the interoperability tests (Django, FastAPI/uvicorn,
# nginx). Options: --fuzz also installs clang for the libFuzzer targets; --bench also installs Node.js and npm for
# the comparison benchmarks; --list prints the packages it would want and installs nothing.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-httpserver-dev qt6-websockets-dev qt6-charts-dev qt6-svg-dev
    qt6-l10n-tools qt6-tools-dev libxkbcommon-dev qt6-qpa-plugins zlib1g-dev openssl
    # real servers for the interoperability tests (ctest label interop)
    python3-django python3-fastapi python3-uvicorn nginx-light
    # the Debian package and the checks of its desktop files
    file dpkg-dev appstream desktop-file-utils shared-mime-info xdg-utils man-db
)
# Wanted where the distribution has them: Qt 6.4's Charts needs libqt6opengl6-dev, which Qt 6.8 folds into
# qt6-base-dev; qtkeychain-qt6-dev (QtKeychain, Debian 12 and 13) lets the window remember secrets in the system
# keychain, and a build without it never remembers them.
optional=(libqt6opengl6-dev qtkeychain-qt6-dev)
for arg in "$@"; do
    case "$arg" in
        --fuzz) packages+=(clang libclang-rt-dev) ;;
        --bench)
            # A machine may already have Node.js from elsewhere; Debian's npm would conflict with it.
            command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm) ;;
        --list) list=1 ;;
        -h|--help)
            sed -n '3,6p' "$0" | sed 's/^# \{0,1\}//'
            exit 0 ;;
        *)
            echo "install-deps: unknown option '$arg' (try --help)" >&2
            exit 2 ;;
    esac
done

if [ -n "${list:-}" ]; then
    printf '%s\n' "${packages[@]}" "${optional[@]/%/?}"
    exit 0
fi

isInstalled() {
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true)" = installed ]
}
hasCandidate() {
    local candidate
    candidate=$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')
    [ -n "$candidate" ] && [ "$candidate" != "(none)" ]
}
missingOptional() {
    for package in "${optional[@]}"; do
        isInstalled "$package" || ! hasCandidate "$package" || echo "$package"
    done
}

missing=()
for package in "${packages[@]}"; do
    isInstalled "$package" || missing+=("$package")
done
mapfile -t missingOpt < <(missingOptional)
if [ ${#missing[@]} -eq 0 ] && [ ${#missingOpt[@]} -eq 0 ]; then
    echo "install-deps: everything is installed"
    exit 0
fi

if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    echo "install-deps: run as root or install sudo; missing: ${missing[*]} ${missingOpt[*]}" >&2
    exit 1
fi
# The optional packages are looked for again once the package lists are fresh.
sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
"${sudo[@]}" apt-get update -qq
mapfile -t missingOpt < <(missingOptional)
missing+=("${missingOpt[@]}")
echo "install-deps: installing ${missing[*]}"
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}"
